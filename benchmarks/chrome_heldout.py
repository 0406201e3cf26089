"""Page chrome of three more sites, written after the rules of session 5 (3 December 2026).

``chrome.py``'s eight styles were written with the chrome rules and
``chrome_unseen.py``'s five after some of them; each of those five prompted
rules of its own. The styles here were written on 3 December 2026, after the
rules of session 5 and before any rule was changed for them, from memory of
real pages: a page of 中国人大网 (npc.gov.cn) with its grid of document
metadata (索引号 / 发文机关 / 成文日期, scraped to Markdown as a table), a
澎湃 (thepaper.cn) article reposted by 新浪 (原标题, 责任编辑, 打开APP, 举报, licence
numbers), and the text of a gazette's PDF as a converter writes it: the
page number and the running head of the gazette between the paragraphs of
every page, and a scanner's watermark at the end. Their figures before and
after the rules they prompted are in ``benchmarks/README.md``;
:data:`AFTER_TUNING` holds the style written after those rules: its figure
measured untouched (13,178 of 27,624 lines left) is the honest one for a site
nobody has seen; the rules it prompted came after that measurement.

A style is ``(head, tail)`` or ``(head, tail, page_break)``: the lines of
``page_break`` go between two paragraphs every :data:`PAGE_LINES` lines of
the body, ``{p}`` filled with the page number.

Usage:
    python benchmarks/chrome_heldout.py          # 15 held-out reports
    python benchmarks/chrome_heldout.py --all    # every report of lawtext_gov
    python benchmarks/chrome_heldout.py --after  # the style written after the tuning
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chrome import GOV, evaluate, held_out_reports  # noqa: E402

#: Body lines (blank ones included) per page of a converted PDF.
PAGE_LINES = 24

HELDOUT_STYLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "npc.gov.cn metadata grid": (
        ("中国人大网 www.npc.gov.cn", "首页 | 立法 | 监督 | 代表 | 理论 | 权威发布 | 地方人大 | 机构",
         "您现在的位置： 首页 > 地方人大 > 地方立法",
         "| 索 引 号： | 000014349/{year}-00012 | 主题分类： | 综合政务\\报告 |", "| --- | --- | --- | --- |",
         "| 发文机关： | {place}人民政府 | 成文日期： | {cdate} |", "| 标　　题： | {title} |",
         "| 发文字号： | 〔{year}〕1号 | 发布日期： | {cdate} |", "{title}",
         "来源：中国人大网　　浏览字号： 大 中 小", "{date} 15:42:16", "扫一扫在手机打开当前页"),
        ("【打印】 【关闭窗口】", "责任编辑：刘某某", "扫一扫在手机打开当前页", "相关链接：",
         "全国人民代表大会 | 中华人民共和国主席 | 全国人大常委会 | 中国政府网",
         "中国人大网 版权所有 未经授权禁止复制或建立镜像", "全国人大常委会办公厅主办　　全国人大常委会办公厅信息中心承办",
         "京ICP备05044495号 京公网安备 11010102000066号", "网站标识码：bm24000001",
         "建议使用IE9以上版本浏览器 1366×768分辨率"),
    ),
    "thepaper via sina": (
        ("新浪首页 新闻 体育 财经 娱乐 科技 博客 图片 专栏 更多", "新浪新闻", "打开APP", "{title}",
         "{cdate} 10:21 澎湃新闻", "APP内阅读", "原标题：{title}", "澎湃新闻记者 张某某 实习生 李某",
         "字号 大 小", "举报"),
        ("（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）", "责任编辑：王某 图片编辑：李某", "校对：刘某",
         "澎湃新闻报料：021-962866", "澎湃新闻，未经授权不得转载", "+1", "收藏", "我要举报", "#政府工作报告",
         "查看更多", "扫码下载澎湃新闻客户端", "Android版 iPhone版 iPad版", "新浪新闻意见反馈留言板 电话：4000520066",
         "沪ICP备14003370号", "沪公网安备31010602000299号", "互联网新闻信息服务许可证：31120170006",
         "增值电信业务经营许可证：沪B2-2017116", "© 2014-{year} 上海东方报业有限公司",
         "新浪简介 | 广告服务 | About Sina", "SINA English 会员注册 产品答疑", "Copyright © 1996-{year} SINA Corporation"),
    ),
    "gazette pdf to text": (
        ("{place}人民政府公报", "{year}年第3期（总第512期）", "目　　录", "— 1 —"),
        ("— 48 —", "{place}人民政府公报", "{year}年第3期", "扫描全能王 创建"),
        ("— {p} —", "{place}人民政府公报　　{year}年第3期", "第 {p} 页 共 48 页"),
    ),
}

#: The style written after the tuning that :data:`HELDOUT_STYLES` prompted
#: (before any change for it): its figure is the one to quote.
#: Written on 3 December 2026 after the rules of commit 60626f3: a WeChat article copied whole from
#: mp.weixin.qq.com (a 图片 placeholder where each picture was, between the paragraphs too).
AFTER_TUNING: dict[str, tuple[tuple[str, ...], ...]] = {
    "wechat article copied whole": (
        ("{title}", "原创 {place}发布 {place}发布 {date} 20:18 发表于{place}", "点击蓝字 关注我们", "图片",
         "来源 | {place}日报", "文字 | 王某 编辑 | 李某", "▲点击上方视频，了解更多"),
        ("图片", "- END -", "来源：{place}日报、{place}发布", "编辑：张某  审核：李某  责编：王某", "往期推荐",
         "{place}召开政府常务会议", "重磅！{place}出台若干措施", "点击“阅读原文”了解更多", "阅读原文",
         "分享 收藏 赞 在看", "赞 126", "在看 35", "留言", "写留言", "微信扫一扫 关注该公众号",
         "喜欢此内容的人还喜欢", "继续滑动看下一个", "轻点两下取消赞"),
        ("图片",),
    ),
}


def paginate(body: str, page_break: tuple[str, ...], fill: dict) -> tuple[str, int]:
    """The body with the lines of ``page_break`` between two paragraphs every
    :data:`PAGE_LINES` lines, and the number of lines put in."""
    out, page, since, added = [], 2, 0, 0
    for line in body.split("\n"):
        out.append(line)
        since += 1
        if since >= PAGE_LINES and not line.strip():
            out += [ln.format(p=page, **fill) for ln in page_break] + [""]
            added += len(page_break)
            page, since = page + 1, 0
    return "\n".join(out), added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="every report of lawtext_gov, not the held-out 15")
    parser.add_argument("--after", action="store_true", help="the style written after the tuning")
    args = parser.parse_args(argv)
    if not GOV.is_dir():
        print(f"skipped: {GOV} is not there")
        return 0
    styles = AFTER_TUNING if args.after else HELDOUT_STYLES
    result = evaluate(held_out_reports(every=args.all), styles, paginate=paginate)
    print(f"{result['documents']} reports x {result['styles']} held-out styles: "
          f"{result['chrome_lines_added']} chrome lines added")
    print(f"chrome lines left: {result['chrome_lines_left']}   body Han characters lost: {result['body_han_lost']}")
    for style, n in result["left_by_style"].items():
        print(f"  {style}: {n / result['documents']:.1f} of "
              f"{result['added_by_style'][style] / result['documents']:.1f} lines left per report")
    left = collections.Counter(line for _, _, line in result["left"])
    for line, n in left.most_common(30):
        print(f"  {n:5d} x {line}")
    for style, path, line in result["lost"][:10]:
        print(f"  LOST  [{style}] {path.parent.name}/{path.name}: {line[:80]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
