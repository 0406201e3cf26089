"""Evaluation: does the cleaner remove other sites' page chrome, and only it?

Takes held-out provincial Government Work Reports from ``lawtext_gov`` (beside
the checkout in ``../shared/corpora``; the chrome rules were not written on
them), wraps each in the head and tail chrome of several site styles written
for this evaluation (a central portal, a party newspaper, a news agency, a
provincial portal, a think-tank site, a reprint aggregator, a CMS with a
forum box, a wiki with its licence footer), cleans the wrapped text and
compares it line by line with the clean report alone:

* **chrome lines left**: lines of the clean wrapped text that the clean report
  does not have (should be 0);
* **body Han characters lost**: Han characters of the clean report's lines
  that the clean wrapped text lacks (must be 0).

It also cleans every report of ``lawtext_gov`` and ``lawtext_cpc`` as it is
and lists, by kind, the lines the cleaner removes from documents nobody
wrapped (a reader checks that each is chrome: ``来源：河北新闻网`` is).

Usage:
    python benchmarks/chrome.py                 # 5 provinces x 3 years, every style
    python benchmarks/chrome.py --all           # every report of lawtext_gov (874), every style
    python benchmarks/chrome.py --show 20       # print up to 20 failing lines
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers import paths  # noqa: E402
from helpers._chars import count_han  # noqa: E402
from helpers.clean import clean_text, find_boilerplate, strip_front_matter  # noqa: E402

GOV = paths.SHARED_CORPORA_DIR / "lawtext_gov"
CPC = paths.SHARED_CORPORA_DIR / "lawtext_cpc"
HELD_OUT = {"provinces": ("广东省", "浙江省", "四川省", "甘肃省", "黑龙江省"), "years": (2006, 2015, 2024)}

#: Head and tail chrome of each site style: {title}, {date} (2024-01-25),
#: {cdate} (2024年01月25日), {n} (a counter) and {place} are filled in.
STYLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "central portal": (
        ("首页 | 简 | 繁 | EN | 登录 | 邮箱 | 无障碍", "当前位置：首页 > 政策 > 政府工作报告",
         "{title}", "{date} 10:36　来源：{place}人民政府网站", "【字体：大 中 小】 打印",
         "扫一扫在手机打开当前页"),
        ("【我要纠错】 责任编辑：王某", "扫一扫在手机打开当前页", "相关稿件",
         "关于我们 | 网站声明 | 联系我们 | 网站地图", "版权所有：{place}人民政府办公厅 　主办：{place}人民政府办公厅",
         "网站标识码4400000064　粤ICP备05070829号　粤公网安备 44010402000101号", "中国政府网微博、微信"),
    ),
    "party newspaper": (
        ("人民网>>时政>>本网原创", "{title}", "{cdate}08:21  来源：人民网－人民日报",
         "分享到：", "字号:"),
        ("(责编：李某、张某)", "分享让更多人看到", "推荐阅读",
         "· 习近平在{place}考察时强调 奋力谱写新篇章", "· 国务院常务会议部署推进有关工作",
         "人民日报社概况 | 关于人民网 | 报社招聘 | 招聘英才 | 广告服务 | 合作加盟 | 供稿服务 | 网站声明 | 网站律师 | 信息保护 | 联系我们",
         "人民网版权所有，未经书面授权禁止使用", "Copyright © 1997-2024 by www.people.com.cn. all rights reserved"),
    ),
    "news agency": (
        ("新华网 > > 正文", "{title}", "{date} 09:15:32 来源：新华网", "【字号 大 中 小】 【打印】 【纠错】"),
        ("【纠错】 【责任编辑:王某 】", "相关新闻", "{place}召开全省经济工作会议 2024-01-10",
         "政府工作报告解读：稳中求进 2024-01-11", "新华网客户端", "Copyright © 2000-2024 XINHUANET.com All Rights Reserved.",
         "制作单位：新华网股份有限公司 版权所有 新华网股份有限公司"),
    ),
    "provincial portal": (
        ("长者模式 | 无障碍 | 繁體", "网站首页 走进{place} 政务公开 政务服务 互动交流 数据发布",
         "您现在的位置：首页 >> 信息公开 >> 政府工作报告", "{title}",
         "发布时间：{date}　　来源：省政府办公厅　　浏览次数：{n}", "字号：大 中 小",
         "【打印本页】【关闭窗口】"),
        ("附件下载：", "上一篇：关于印发有关规划的通知", "下一篇：{place}政府工作报告解读",
         "【打印】 【关闭】", "主办单位：{place}人民政府办公厅  承办单位：{place}大数据中心",
         "地址：省会市某某路1号  邮编：510000  联系电话：020-12345678",
         "网站标识码：4400000000　ICP备案号：粤ICP备05070829号-1"),
    ),
    "think tank": (
        ("选择字号:   本文共阅读 {n} 次 更新时间:{date} 17:39", "进入专题: 政府工作报告   {place}",
         "{title}"),
        ("进入 {place} 的专栏     进入专题: 政府工作报告", "本文责编：王某", "发信站：爱思想网站（https://www.aisixiang.com）",
         "栏目： 学术 > 政治学 > 公共政策", "本文链接：https://www.aisixiang.com/data/12345.html",
         "文章来源：作者授权爱思想发布，转载请注明出处（https://www.aisixiang.com）。"),
    ),
    "reprint aggregator": (
        ("设为首页 | 加入收藏 | 网站地图", "您的位置：首页 - 新闻 - 正文", "{title}",
         "作者：佚名  来源：网络  点击：{n}  更新时间：{date}"),
        ("原文地址：http://www.example.gov.cn/art/2024/1/25/art_1_1.html",
         "【免责声明】本站部分内容来源于网络转载，仅供学习交流，版权归原作者所有，如有侵权请联系删除。",
         "最新文章", "{place}召开常务会议研究部署…", "2024-01-24关于公布第一批试点名单...",
         "2024-01-23", "热门文章", "某地开展专项行动...", "2023-12-30"),
    ),
    "forum cms": (
        ("登录 | 注册", "用户名  密码  忘记密码?  立即注册", "分享到：微信 微博 QQ空间",
         "首页 › 资讯 › 政务", "{title}", "{date} {n}人阅读 0条评论"),
        ("点赞({n})  收藏  分享", "上一篇：无", "下一篇：关于做好有关工作的通知", "相关文章",
         "全省经济运行总体平稳", "重点项目建设加快推进", "返回顶部",
         "Powered by CMS © 2024", "京ICP备12345678号-2"),
    ),
    "wiki": (
        ("跳至内容", "维基文库，自由的图书馆", "{title}"),
        ("本作品是中华人民共和国的法律法规，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件，及其官方正式译文。"
         "根据《中华人民共和国著作权法》第五条，本作品不适用于该法，在中国大陆和其他地区属于公有领域。",
         "Public domainPublic domainfalsefalse", "取自“https://zh.wikisource.org/w/index.php?title=x&oldid=1”",
         "此页面最后编辑于2024年3月1日 (星期五) 10:21。",
         "本站的全部文字在知识共享 署名-相同方式共享 4.0协议之条款下提供，附加条款亦可能应用。",
         "隐私政策 关于维基文库 免责声明 行为准则 开发者 统计 Cookie声明 手机版视图"),
    ),
}


def place_and_year(path: Path) -> tuple[str, int]:
    """A report's province (its lawtext folder) and year (its file name): 广东省/2015.md → (广东省, 2015);
    a national report (data/raw/gwr/1954政府工作报告_周恩来.txt) is 全国."""
    place = path.parent.name if path.parent.parent.name.startswith("政府工作报告") else "全国"
    return place, int(path.stem[:4])


def read_report(path: Path) -> str:
    """A report's text, without the YAML front matter of a lawtext Markdown file."""
    return strip_front_matter(path.read_text(encoding="utf-8")).strip("\n")


def held_out_reports(every: bool = False) -> list[Path]:
    folder = GOV / "政府工作报告-省自治区"
    if every:  # the 874 reports: provinces, municipalities, State Council
        return sorted(p for p in GOV.rglob("*.md") if not p.stem.isupper())
    return [p for prov in HELD_OUT["provinces"] for year in HELD_OUT["years"]
            if (p := folder / prov / f"{year}.md").exists()]


def wrap(body: str, style: str, place: str, year: int, styles: dict | None = None,
         paginate=None) -> tuple[str, int]:
    """The body in the style's head and tail (and, for a style with a third tuple, its page
    breaks between paragraphs, put in by ``paginate``), and the number of chrome lines added."""
    head, tail, *pages = (styles or STYLES)[style]
    fill = dict(title=f"{year}年{place}政府工作报告", date=f"{year}-01-25", cdate=f"{year}年01月25日",
                n=1234, place=place, year=year)
    added = len(head) + len(tail)
    if pages and paginate is not None:
        body, inside = paginate(body, pages[0], fill)
        added += inside
    text = "\n".join([*(line.format(**fill) for line in head), body, *(line.format(**fill) for line in tail)])
    return text, added


def compare(clean_body: str, clean_wrapped: str) -> tuple[list[str], list[str]]:
    """(lines left over: in the wrapped text only; body lines lost: in the body only), as multisets."""
    body = collections.Counter(line for line in clean_body.split("\n") if line.strip())
    wrapped = collections.Counter(line for line in clean_wrapped.split("\n") if line.strip())
    return list((wrapped - body).elements()), list((body - wrapped).elements())


def evaluate(reports: list[Path], styles: dict | None = None, paginate=None) -> dict:
    """Wrap each report in each style; count chrome lines added, left, and body Han lost."""
    styles = styles or STYLES
    added = left_n = lost_han = 0
    left, lost, per_style, added_by_style = [], [], collections.Counter(), collections.Counter()
    for path in reports:
        body = read_report(path)
        clean_body = clean_text(body)
        place, year = place_and_year(path)
        for style in styles:
            wrapped, n_added = wrap(body, style, place, year, styles, paginate)
            added += n_added
            added_by_style[style] += n_added
            extra, missing = compare(clean_body, clean_text(wrapped))
            title = f"{year}年{place}政府工作报告"
            extra = [line for line in extra if line != title]  # the page's title is not chrome
            left_n += len(extra)
            per_style[style] += len(extra)
            left += [(style, path, line) for line in extra]
            lost_han += sum(count_han(line) for line in missing)
            lost += [(style, path, line) for line in missing]
    return {"documents": len(reports), "styles": len(styles), "chrome_lines_added": added,
            "chrome_lines_left": left_n, "body_han_lost": lost_han, "left": left, "lost": lost,
            "left_by_style": dict(per_style), "added_by_style": dict(added_by_style)}


def removed_from_plain(folders: list[Path]) -> collections.Counter:
    """(kind, line) of every line the cleaner removes from the documents as they are."""
    found = collections.Counter()
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            if path.name.startswith("_") or path.stem.isupper():
                continue
            for _, kind, line in find_boilerplate(read_report(path)):
                found[(kind, line.strip())] += 1
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="every report of lawtext_gov, not the held-out 15")
    parser.add_argument("--show", type=int, default=10, help="failing lines to print")
    args = parser.parse_args(argv)
    if not GOV.is_dir():
        print(f"{GOV} is not present beside this checkout: nothing to evaluate")
        return 0
    reports = held_out_reports(args.all)
    result = evaluate(reports)
    print(f"{result['documents']} reports x {result['styles']} site styles: "
          f"{result['chrome_lines_added']} chrome lines added")
    print(f"chrome lines left: {result['chrome_lines_left']}   body Han characters lost: {result['body_han_lost']}")
    for style, path, line in result["left"][: args.show]:
        print(f"  left  [{style}] {path.parent.name}/{path.name}: {line}")
    for style, path, line in result["lost"][: args.show]:
        print(f"  LOST  [{style}] {path.parent.name}/{path.name}: {line[:80]}")
    found = removed_from_plain([GOV, CPC])
    print(f"lines removed from the {GOV.name} and {CPC.name} documents as they are: {sum(found.values())}")
    for (kind, line), n in found.most_common(args.show):
        print(f"  {n:4d} x {kind:<12} {line[:70]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
