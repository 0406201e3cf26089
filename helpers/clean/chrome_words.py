"""The vocabulary of page chrome: the words web pages put around a document.

Data, not code: :mod:`helpers.clean.chrome_lines` builds its patterns from
these tuples. Chrome is recognised by what a line is made of (these words,
URLs, dates, counters, separators) and by where it stands (the head and tail
of a document), so the words are the *kinds* of thing a page shows, not one
site's lines. Each group says where its words were seen: the bundled seeds
(``data/raw/seeds``), stored copies of public pages (gov.cn, aisixiang.com,
chinareform.net, dzllzg.com, iwr.cass.cn, scichi.cn, rmlt.com.cn mirrors,
zh.wikisource.org) or, marked "common CMS", the templates of Chinese news and
government sites in general (not checked on a stored page). The tuples live
in the package rather than in ``data/`` because the cleaner must work where
``data/`` is not installed (a wheel) or is replaced (``TIFA_DATA``).

Words are written simplified (the step runs after ``to_simplified``), without
spaces (lines are matched with their whitespace removed: ``来　　源`` is
``来源``) and, for Latin words, in any case.

Example:
    >>> "分享到" in SHARE_WORDS, "相关新闻" in LINK_LIST_WORDS
    (True, True)
"""

from __future__ import annotations

__all__ = [
    "SHARE_WORDS", "ACTION_WORDS", "ACCOUNT_WORDS", "APP_WORDS", "NAVIGATION_WORDS", "LINK_LIST_WORDS", "MENU_WORDS",
    "STRONG_LABELS", "WEAK_LABELS", "COPYRIGHT_CUES", "DISCLAIMER_TERMS", "LICENCE_TERMS", "LICENCE_MARKS",
    "HOME_WORDS",
]

# --------------------------------------------------------------------------- words that are chrome alone

#: Share bars. Seed 004 (hnrd.gov.cn reprint); scichi.cn (新浪微博); common CMS.
SHARE_WORDS = (
    "分享到", "分享至", "分享", "一键分享", "微信", "微信扫一扫", "扫一扫", "扫描二维码", "二维码",
    "微博", "新浪微博", "腾讯微博", "QQ空间", "QQ好友", "QQ", "朋友圈", "豆瓣", "人人网", "开心网",
    "今日头条", "抖音", "快手", "手机看", "手机阅读", "手机版", "客户端", "下载客户端", "移动端",
    "分享让更多人看到",
)
#: Page actions. gov.cn article pages (【打印】【关闭】, 扫一扫在手机打开当前页);
#: aisixiang.com (选择字号); common CMS (字号 大 中 小, 返回顶部, 我要纠错).
ACTION_WORDS = (
    "打印本页", "打印此页", "打印文章", "打印", "关闭窗口", "关闭本页", "关闭", "收藏本页", "加入收藏",
    "收藏", "设为首页", "返回顶部", "回到顶部", "返回首页", "返回列表", "返回上页", "返回", "全屏",
    "全屏阅读", "下载", "下载文档", "纠错", "我要纠错", "评论", "发表评论", "我要评论", "点赞", "举报",
    "复制链接", "投诉", "字号", "选择字号", "字体", "默认", "放大", "缩小", "扫一扫在手机打开当前页",
    "在手机上打开", "听新闻", "朗读", "附件下载", "Print", "Close", "Share", "Top",
)
#: Account boxes. Seed 002 (账号+密码登录 … 立即注册); common CMS.
ACCOUNT_WORDS = (
    "登录", "注册", "立即注册", "免费注册", "用户登录", "会员登录", "登录注册", "退出", "退出登录",
    "忘记密码", "找回密码", "个人中心", "用户中心", "我的收藏", "用户名", "密码", "验证码", "账号",
    "帐号", "邮箱", "Login",
)
#: Buttons and prompts of apps and portals: WeChat article pages as mirrored
#: (关注该公众号, 在看, 轻触阅读原文, 继续滑动看下一个, 预览时标签不可点), news portals
#: (我要反馈, 收起, 展开全文), county portals (长者助手, 政务微博, 政务微信); common CMS.
APP_WORDS = (
    "关注", "关注该公众号", "公众号", "小程序", "使用小程序", "在看", "赞", "阅读原文", "轻触阅读原文",
    "继续滑动看下一个", "向上滑动看下一个", "预览时标签不可点", "知道了", "取消", "允许", "收起", "展开",
    "展开全文", "收录于合集", "我要反馈", "反馈", "新闻客户端", "长者助手", "政务微博", "政务微信",
    "无障碍阅读", "相关附件", "扫码关注", "长按识别二维码", "打开APP", "阅读全文", "扫一扫", "留言", "写留言", "暂无留言", "献花", "评论公约", "END",
    # the watermarks of scanner and PDF apps at the foot of a converted page
    "扫描全能王", "CamScanner",
)
#: Site navigation. scichi.cn (网站地图|联系我们); rmlt.com.cn mirrors
#: (网站首页 | 网站地图); zh.wikisource.org (跳至内容); gov.cn (无障碍,
#: 长者模式, 简体/繁体, English); common CMS (上一页, 下一页, 尾页).
NAVIGATION_WORDS = (
    "首页", "网站首页", "主页", "更多", "查看更多", "上一页", "下一页", "尾页", "末页", "跳转",
    "网站地图", "联系我们", "关于我们", "意见反馈", "网站声明", "隐私声明", "帮助", "无障碍",
    "无障碍浏览", "长者模式", "关怀版", "适老化", "简体", "繁体", "简体版", "繁体版", "简体中文",
    "繁体中文", "English", "Home", "搜索", "站内搜索", "高级搜索", "跳至内容", "RSS", "WAP", "APP",
    "浏览器", "分辨率", "返回顶部",
)
#: Headings of link lists, which may start a trailing block of headlines
#: (:data:`helpers.clean.TAIL_MARKERS`). Seed 004 (最新加入, 热门资讯); common CMS.
LINK_LIST_WORDS = (
    "相关新闻", "相关阅读", "相关链接", "相关文章", "相关报道", "相关稿件", "相关专题", "相关推荐",
    "延伸阅读", "推荐阅读", "扩展阅读", "猜你喜欢", "热点推荐", "热门资讯", "热点资讯", "热门文章",
    "热门推荐", "热点新闻", "最新加入", "最新文章", "最新资讯", "最新新闻", "精彩推荐", "编辑推荐",
    "往期回顾", "往期推荐", "往期精彩", "精彩回顾", "喜欢此内容的人还喜欢", "图片新闻", "视频推荐", "专题推荐", "今日推荐", "阅读排行", "点击排行", "排行榜",
    "热门排行", "新闻排行", "网友评论", "我要评论", "发表评论",
)
#: Words of a site's menu: ordinary words, chrome only as a row of three or
#: more (新闻 政务 服务 互动) or beside a word of the lists above. gov.cn and
#: provincial portals (政务公开, 政务服务, 互动交流); common CMS.
MENU_WORDS = (
    "新闻", "要闻", "时政", "政务", "服务", "互动", "数据", "专题", "视频", "图片", "图解", "解读",
    "政策", "公开", "机构", "领导", "概况", "国内", "国际", "财经", "地方", "评论", "理论", "党建",
    "直播", "访谈", "简", "繁", "EN", "信息公开", "政务公开", "政府信息公开", "政务服务", "互动交流", "办事服务",
    "政策文件", "政策解读", "新闻中心", "新闻发布", "通知公告", "工作动态", "领导活动", "正文",
    "大", "中", "小",
)
#: First pieces of a breadcrumb without a label (首页 > 新闻 > 正文).
HOME_WORDS = ("首页", "网站首页", "主页", "当前位置", "Home")

# --------------------------------------------------------------------------- labelled fields

#: Labels of fields that only page chrome has (``label：value`` lines).
#: chinareform.net (发稿时间), aisixiang.com (更新时间, 进入专题), gov.cn
#: (当前位置, 索引号, 发文字号, 成文日期), iwr.cass.cn (编辑), rmlt.com.cn
#: mirrors (【中图分类号】, 【文献标识码】), seed 004 (原文链接); common CMS.
STRONG_LABELS = (
    "发布时间", "发布日期", "发表时间", "发表日期", "发稿时间", "更新时间", "更新日期", "录入时间",
    "添加时间", "浏览次数", "浏览量", "浏览", "阅读次数", "阅读量", "阅读数", "点击数", "点击量",
    "点击率", "点击", "访问量", "访问次数", "人气", "字号", "选择字号", "字体", "责任编辑", "责编",
    "编辑", "审核", "审校", "校对", "终审", "初审", "复审", "索引号", "主题分类", "成文日期",
    "发文字号", "发布机构", "信息来源", "文章来源", "稿件来源", "稿源", "网站标识码", "备案号",
    "技术支持", "分享到", "分享至", "分享", "原文链接", "原文地址", "本文链接", "本文地址",
    "原文网址", "文章链接", "本文短网址", "转载请注明", "上一篇", "下一篇", "上一条", "下一条",
    "当前位置", "您的位置", "你的位置", "您现在的位置", "您当前的位置", "所在位置", "进入专题",
    "所属专题", "中图分类号", "文献标识码", "文章编号", "关键字搜索", "栏目", "所属栏目",
)
#: Labels that documents use too (来源：国家统计局 under a table): chrome only
#: in the head or tail of a document. dzllzg.com (来源, 作者); common CMS.
WEAK_LABELS = (
    "来源", "出处", "作者", "撰稿", "撰文", "记者", "通讯员", "摄影", "时间", "日期", "地址", "电话",
    "联系电话", "传真", "邮编", "邮箱", "电子邮箱", "E-mail", "Email", "关键词", "关键字", "标签",
    "主办单位", "主办", "承办单位", "承办", "协办单位", "协办", "发文机关", "发布单位", "联系人",
    "标题", "文号", "来自",
)

# --------------------------------------------------------------------------- footers

#: Copyright and licensing numbers of a site footer. gov.cn (版权所有, 网站标识码,
#: ICP备, 公网安备); common CMS (Copyright ©, All Rights Reserved, 举报电话).
COPYRIGHT_CUES = (
    "©", "Copyright", "AllRightsReserved", "版权所有", "ICP备", "ICP证", "公网安备", "网站标识码",
    "网站识别码", "违法和不良信息举报", "不良信息举报", "互联网新闻信息服务许可证",
    "信息网络传播视听节目许可证", "Powered by",
)
#: Terms of a reprint disclaimer (two of them make a line a disclaimer). Seed
#: 004 (本文来源于网络转载,仅供学习交流使用,不构成商业目的。版权归原作者所有);
#: a stored reprint (版权所有,任何形式转载需…授权许可); common CMS.
DISCLAIMER_TERMS = (
    "转载", "仅供", "版权归", "版权所有", "原作者", "不代表本", "与本网", "与本站", "本网站", "本站",
    "未经授权", "未经许可", "未经书面", "禁止转载", "禁止复制", "镜像", "不构成", "商业目的",
    "书面授权", "联系删除", "予以删除", "第一时间删除", "请联系", "授权许可", "仅供学习交流", "学习交流",
    "网络转载", "来源于网络", "第一时间", "转载请注明", "请注明出处", "作者授权", "如有侵权", "仅代表作者",
    "个人观点", "本文仅代表", "不代表", "观点", "刊载", "刊用", "稿件",
    # the notice of a self-publishing platform (搜狐号, 网易号, 头条号: 仅提供信息存储空间服务)
    "仅代表作者本人", "信息发布平台", "信息存储空间",
)
#: Terms of a wiki's licence footer (two make a line a licence footer).
#: zh.wikisource.org (本作品…根据《中华人民共和国著作权法》第五条，本作品不适用于该法，
#: …属于公有领域; Public domain; 知识共享 署名-相同方式共享; GFDL); zh.wikipedia.org.
LICENCE_TERMS = (
    "知识共享", "署名-相同方式共享", "CCBY", "CC-BY", "CreativeCommons", "GNU自由文档许可证", "GFDL",
    "维基百科", "维基文库", "维基媒体", "Wikipedia", "Wikisource", "Wikimedia", "公有领域",
    "Publicdomain", "著作权法", "不适用于该法", "不适用该法", "本作品", "本页面", "此页面",
    "最后编辑于", "最后修订于", "使用条款", "隐私政策", "行为准则", "自由的图书馆",
    "自由的百科全书", "Cookie声明", "手机版视图",
)
#: Terms that make a licence footer alone.
LICENCE_MARKS = (
    "知识共享", "CreativeCommons", "GFDL", "GNU自由文档许可证", "维基媒体基金会", "Publicdomain",
    "自由的图书馆", "自由的百科全书", "署名-相同方式共享",
)
