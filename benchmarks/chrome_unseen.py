"""Page chrome of sites the rules were not tuned on: how much is left, how much body is lost.

``chrome.py``'s eight site styles were written together with the chrome
rules, so they show that the rules do what they say, not that they
generalise. The styles here were written afterwards by another
engineer, from memory of real pages (people.cn, xinhuanet.com with a
Baidu Wenku copy, a provincial portal with a WeChat-style comment box), and
measured before any rule was changed for them. Recorded in
``benchmarks/README.md``: the figures before the generic rules they
prompted (short lines mostly made of chrome words, bare arrow paths, an
anchor sentence that stands alone among chrome, ``不代表…观点`` disclaimers)
and after. A fourth style written after those rules would be the next
honest measurement.

Usage:
    python benchmarks/chrome_unseen.py          # 15 held-out reports x 3 styles
    python benchmarks/chrome_unseen.py --all    # every report of lawtext_gov
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chrome import GOV, evaluate, held_out_reports  # noqa: E402

UNSEEN_STYLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "people.cn article": (
        ("人民网 >> 时政 >> 地方", "打开APP 阅读全文", "{cdate}08:21 | 来源：人民网－人民日报", "小字号",
         "点击播报本文，约", "原标题：{title}"),
        ("（责编：王某某、李某某）", "扫一扫，分享到手机", "关注公众号：人民网财经",
         "人民网版权所有，未经书面授权禁止使用",
         "Copyright © 1997-2024 by www.people.com.cn. all rights reserved", "热点推荐",
         "· 习近平总书记考察调研纪实", "· 两会特别报道",
         "违法和不良信息举报电话：010-65363263 举报邮箱：jubao@people.cn", "举报", "评论 0",
         "赞 12 | 收藏 | 转发", "上一条：{title}", "网站声明 | 关于我们 | 联系我们 | 招聘英才 | 广告服务"),
    ),
    "xinhuanet + wenku copy": (
        ("新华网 > > 正文", "{date} 09:15:32 来源: 新华网", "字体：小 中 大", "【纠错】", "分享",
         "责任编辑: 赵某", "百度文库 > 行业资料 > 政务民生", "文档格式：.docx 文档页数：35页 文档大小：58.2K",
         "下载文档 立即下载"),
        ("【纠错】 [责任编辑: 赵某 ]", "相关新闻", "· 2024年各地两会时间表出炉", "· 省级两会：关注这些关键词",
         "网友评论", "登录 注册", "还可以输入500字", "新华网客户端", "扫描二维码下载",
         "本网站所刊载信息，不代表新华社观点。 刊用本网站稿件，务经书面授权。",
         "未经授权禁止转载、摘编、复制及建立镜像，违者将依法追究法律责任。",
         "Copyright © 2000-2024 XINHUANET.com All Rights Reserved.",
         "制作单位：新华网股份有限公司 版权所有：新华通讯社"),
    ),
    "provincial portal + comment box": (
        ("您好，欢迎访问{place}人民政府门户网站！ 今天是：{cdate} 星期二",
         "智能问答 | 无障碍 | 关怀版 | 繁體 | 手机版", "首页 政务公开 政务服务 互动交流 走进{place}",
         "【来源：省政府办公厅 】 【发布日期：{date} 】 【浏览次数：12463 】", "打印本页 | 关闭窗口 | 收藏",
         "微信扫一扫 分享给好友"),
        ("附件下载：", "政府工作报告（全文）.pdf", "【返回顶部】",
         "主办：{place}人民政府办公厅 承办：{place}大数据中心",
         "网站标识码：1300000000 冀ICP备05003484号-1 冀公网安备 13010802000256号",
         "建议使用1920×1080分辨率 IE10以上浏览器", "在看", "写留言", "留言", "暂无留言", "阅读 3.2万"),
    ),
    "wechat mirror + 360doc copy": (
        ("{title}", "原创 {place}发布 {place}发布 {date} 18:30 {place}", "收录于合集 #两会 12个",
         "360doc个人图书馆 > 工作报告 > 正文", "分享 献花(0) +1", "来自: 某某 > 《政府工作》", "0条评论"),
        ("END", "来源：{place}日报", "编辑：孙某 审核：钱某", "点击下方名片关注我们", "{place}发布",
         "分享收藏点赞在看", "本文为转载文章，如有侵权请联系删除", "上一篇：{place}两会将于1月召开", "下一篇：图解政府工作报告",
         "发表评论", "请遵守用户 评论公约", "类似文章 更多", "猜你喜欢", "热门阅读"),
    ),
    "sohu article + city portal print view": (
        ("搜狐首页 > 新闻 > 正文", "{title}", "{cdate} 07:45 来源: 搜狐网 作者：某某", "举报", "投诉",
         "返回搜狐，查看更多", "打印  |  关闭  |  【字体：大  中  小】", "信息公开目录 > 规划计划 > 政府工作报告"),
        ("平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。", "阅读 (12345)",
         "推荐阅读", "· 2024年全国两会前瞻", "· 各地政府工作报告里的高频词", "我来说两句", "0人参与，0条评论",
         "搜狐“我来说两句”用户公约", "登录并发表", "扫码下载APP", "Copyright © 2024 Sohu All Rights Reserved",
         "本页面浏览量：8765", "【打印本页】 【关闭窗口】"),
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="every report of lawtext_gov, not the held-out 15")
    args = parser.parse_args(argv)
    if not GOV.is_dir():
        print(f"skipped: {GOV} is not there")
        return 0
    result = evaluate(held_out_reports(every=args.all), UNSEEN_STYLES)
    print(f"{result['documents']} reports x {result['styles']} unseen styles: "
          f"{result['chrome_lines_added']} chrome lines added")
    print(f"chrome lines left: {result['chrome_lines_left']}   body Han characters lost: {result['body_han_lost']}")
    for style, n in result["left_by_style"].items():
        print(f"  {style}: {n / result['documents']:.0f} of {len(sum(UNSEEN_STYLES[style], ()))} lines left per report")
    left = collections.Counter(line for _, _, line in result["left"])
    for line, n in left.most_common(12):
        print(f"  {n:5d} x {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
