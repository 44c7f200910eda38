"""The registry of government information (政府信息管理): items, their reviews, versions and
attachments, the agency's catalogue categories, and the table-2 tallies.

The workflow's rules are `ogi.ledger.publication`'s; `Item.state` is only what that state
machine answered last. What the public sees is `Public` (one row per item that is public, made
from the reviewed content at publication): an item in review, returned or withdrawn has no such
row, so nothing unreviewed can reach the public site (《政府信息公开条例》 Art. 17, 26).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ogi.ledger import publication as pub

# 《政府信息公开条例》 Art. 20: what each agency discloses proactively, item by item.
ART20 = [
    ("1", "（一）行政法规、规章和规范性文件"),
    ("2", "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    ("3", "（三）国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    ("4", "（四）国民经济和社会发展统计信息"),
    ("5", "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    ("6", "（六）实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定"),
    ("7", "（七）财政预算、决算信息"),
    ("8", "（八）行政事业性收费项目及其依据、标准"),
    ("9", "（九）政府集中采购项目的目录、标准及实施情况"),
    ("10", "（十）重大建设项目的批准和实施情况"),
    ("11", "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    ("12", "（十二）突发公共事件的应急预案、预警信息及应对情况"),
    ("13", "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    ("14", "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果"),
    ("15", "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
]
# 主题分类 (the State Council's subject classification of documents).
TOPICS = [(t, t) for t in (
    "综合政务", "国民经济管理、国有资产监管", "财政、金融、审计", "国土资源、能源", "农业、林业、水利", "工业、交通",
    "商贸、海关、旅游", "市场监管、安全生产监管", "城乡建设、环境保护", "科技、教育", "文化、广电、新闻出版",
    "卫生、体育", "人口与计划生育、妇女儿童工作", "劳动、人事、监察", "公安、安全、司法", "民政、扶贫、救灾",
    "民族、宗教", "对外事务", "其他")]
# 体裁 (the kind of document). "政策解读" marks an interpretation; "工作制度" the 制度 page.
INTERPRETATION, SYSTEM = "政策解读", "工作制度"
GENRES = [(g, g) for g in ("决定", "命令（令）", "公告", "通告", "意见", "通知", "通报", "报告", "批复", "函", "纪要",
                           "规划", "计划", "方案", "办法", "规定", "统计信息", "预决算", "处罚决定", "许可结果",
                           INTERPRETATION, SYSTEM, "其他")]
STATE_CHOICES = [(k, v[0]) for k, v in pub.STATE_WORDS.items()]
OPENNESS_CHOICES = list(pub.OPENNESS_WORDS.items())
VALIDITY_CHOICES = [("", "—")] + list(pub.VALIDITY_WORDS.items())
DOC_KIND_CHOICES = list(pub.DOC_KIND_WORDS.items())


class Profile(models.Model):
    """An agency's settings of the registry: its 索引号 rule and the 同步发布 of policies and 解读."""

    agency = models.OneToOneField("orgs.Agency", on_delete=models.CASCADE, related_name="publish_profile")
    index_code = models.CharField(_("机关代码（索引号前缀）"), max_length=40,
                                  help_text=_("如统一社会信用代码或机关编码"))
    index_pattern = models.CharField(_("索引号规则"), max_length=100, default=pub.DEFAULT_INDEX_PATTERN,
                                     help_text=_("可用 {code} 机关代码、{year} 年份、{category} 目录分类编码、{seq} 序号"))
    require_interpretation = models.BooleanField(
        _("政策文件须与解读同步发布"), default=False,
        help_text=_("勾选后，标记为需解读的政策文件在其解读审核通过前不予发布（同步起草、同步审签、同步发布）"))

    def __str__(self) -> str:
        return f"{self.agency} · {self.index_code}"


class Category(models.Model):
    """A node of the agency's own 目录 (a tree its 机关管理员 edits); `code` goes into the 索引号."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.CASCADE, related_name="publish_categories")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("上级分类"))
    name = models.CharField(_("分类名称"), max_length=100)
    code = models.CharField(_("分类编码"), max_length=20)
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["agency", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="category_code_per_agency")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def path_names(self) -> str:
        names: list[str] = []
        seen: set[int] = set()
        node: Category | None = self
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = node.parent
        return " › ".join(reversed(names))


class Item(models.Model):
    """One piece of government information in the registry (the working copy being drafted)."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="publish_items")
    index_no = models.CharField(_("索引号"), max_length=100, unique=True)
    title = models.CharField(_("标题"), max_length=300)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    publisher = models.CharField(_("发布机构"), max_length=200)
    written = models.DateField(_("成文日期"))
    topic = models.CharField(_("主题分类"), max_length=40, choices=TOPICS)
    genre = models.CharField(_("体裁"), max_length=20, choices=GENRES)
    art20 = models.CharField(_("法定主动公开内容（第二十条）"), max_length=3, choices=ART20)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT, related_name="items",
                                 verbose_name=_("目录分类"))
    openness = models.CharField(_("公开方式"), max_length=12, choices=OPENNESS_CHOICES, default=pub.ACTIVE)
    ground = models.CharField(_("不公开或依申请公开的理由和依据"), max_length=500, blank=True)
    doc_kind = models.CharField(_("文件类别（年报表二）"), max_length=10, choices=DOC_KIND_CHOICES, default="other")
    validity = models.CharField(_("有效性"), max_length=10, choices=VALIDITY_CHOICES, blank=True)
    effective = models.DateField(_("施行日期"), null=True, blank=True)
    validity_changed = models.DateField(_("修订、废止或失效日期"), null=True, blank=True)
    body = models.TextField(_("正文"), blank=True)
    # 政策解读: the policy an interpretation explains; `needs_interpretation` on the policy.
    interprets = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="interpretations", verbose_name=_("所解读的政策文件"))
    needs_interpretation = models.BooleanField(_("需要政策解读"), default=False)
    # -- workflow (answers of ogi.ledger.publication) -------------------------------------------
    state = models.CharField(_("状态"), max_length=12, choices=STATE_CHOICES, default=pub.DRAFT, db_index=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    formed = models.DateField(_("形成或变更日期"))  # Art. 26: the 20 working days run from here
    art26_due = models.DateField(_("公开期限"), null=True)
    first_published = models.DateField(_("首次发布日期"), null=True)
    published = models.DateField(_("发布日期"), null=True)
    withdrawn = models.DateField(_("撤回日期"), null=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-written", "-id"]
        indexes = [models.Index(fields=["agency", "state", "art26_due"])]

    def __str__(self) -> str:
        return f"{self.index_no} {self.title}"

    @property
    def state_words(self) -> tuple[str, str]:
        return pub.STATE_WORDS[self.state]

    @property
    def is_interpretation(self) -> bool:
        return self.interprets_id is not None


class Review(models.Model):
    """One step of an item's workflow: who, when, which step, the decision and the opinion."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reviews")
    version = models.PositiveIntegerField(_("版本"))
    step = models.CharField(_("环节"), max_length=12)  # the state the action was taken in
    action = models.CharField(_("操作"), max_length=10)
    opinion = models.TextField(_("意见"), blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(_("操作人"), max_length=150)
    date = models.DateField(_("日期"))
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["item", "id"]

    @property
    def step_words(self) -> str:
        return pub.STEP_WORDS.get(self.step, pub.STATE_WORDS.get(self.step, (self.step,)))[0]

    @property
    def action_words(self) -> str:
        return pub.ACTION_WORDS.get(self.action, (self.action,))[0]


class Version(models.Model):
    """What an item said when a version of it was published (history kept, shown on request)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本"))
    published = models.DateField(_("发布日期"))
    content = models.JSONField(_("内容"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="one_version_number")]


class Attachment(models.Model):
    """A file of an item (PDF/DOCX/XLSX, judged by its content, within OGI_MAX_UPLOAD_BYTES)."""

    KINDS = {"pdf": "application/pdf",
             "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(max_length=5)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    added_in = models.PositiveIntegerField(_("加入版本"))
    removed = models.BooleanField(default=False)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return self.name


class Public(models.Model):
    """The public face of an item: the reviewed content at its last publication.

    Written only by `services` when an item is published, removed when it is withdrawn. The public
    site reads nothing else of the registry. `search` holds the text as overlapping CJK bigrams and
    words (PostgreSQL indexes it with a GIN full-text index, see migration 0002).
    """

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="public")
    agency = models.ForeignKey("orgs.Agency", on_delete=models.CASCADE, related_name="+")
    index_no = models.CharField(max_length=100)
    title = models.CharField(max_length=300)
    doc_number = models.CharField(max_length=100, blank=True)
    publisher = models.CharField(max_length=200)
    written = models.DateField()
    published = models.DateField()
    topic = models.CharField(max_length=40)
    genre = models.CharField(max_length=20)
    art20 = models.CharField(max_length=3)
    category = models.ForeignKey(Category, null=True, on_delete=models.SET_NULL, related_name="+")
    doc_kind = models.CharField(max_length=10)
    validity = models.CharField(max_length=10, blank=True)
    effective = models.DateField(null=True)
    validity_changed = models.DateField(null=True)
    body = models.TextField(blank=True)
    version = models.PositiveIntegerField()
    attachments = models.JSONField(default=list)  # [{"id", "name", "kind", "size"}] of this version
    interprets = models.ForeignKey(Item, null=True, on_delete=models.SET_NULL, related_name="+")
    search = models.TextField(blank=True)

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [models.Index(fields=["agency", "-published", "-id"], name="public_agency_date"),
                   models.Index(fields=["agency", "category", "-published"], name="public_agency_cat"),
                   models.Index(fields=["agency", "topic", "-published"], name="public_agency_topic"),
                   models.Index(fields=["agency", "art20", "-published"], name="public_agency_art20"),
                   models.Index(fields=["-published", "-id"], name="public_date")]

    def __str__(self) -> str:
        return self.title

    @property
    def validity_words(self) -> str:
        return pub.VALIDITY_WORDS.get(self.validity, "")

    @property
    def art20_words(self) -> str:
        return dict(ART20).get(self.art20, "")


class Tally(models.Model):
    """A table-2 count kept in another system (行政许可/处罚/强制 decisions, 收费 amounts…),
    entered or imported from CSV (《政府信息公开条例》 Art. 20 (5), (6), (8), (9))."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.CASCADE, related_name="tallies")
    year = models.PositiveIntegerField(_("年度"))
    kind = models.CharField(_("类别"), max_length=20)
    decisions = models.PositiveIntegerField(_("处理决定数量"), null=True, blank=True)
    items = models.PositiveIntegerField(_("事项（项目）数量"), null=True, blank=True)
    amount = models.DecimalField(_("金额（元）"), max_digits=16, decimal_places=2, null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency", "-year", "kind"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "kind"], name="one_tally")]


class ReportPublication(models.Model):
    """An annual report the agency published on its column: composed from the desk, as OGI JSON."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.CASCADE, related_name="published_reports")
    year = models.PositiveIntegerField(_("年度"))
    published = models.DateField(_("发布日期"))
    report = models.JSONField()
    docx = models.BinaryField()
    pdf = models.BinaryField(null=True)
    pdf_state = models.CharField(max_length=10, blank=True, default="")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_report_per_year")]
