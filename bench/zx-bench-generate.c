/* zx-bench-generate.c — writes the "large hospital" of the benchmark
 *
 *   zx-bench-generate OUT.db [--seed N] [--year YYYY] [--today YYYY-MM-DD]
 *
 * 150 departments, 5,000 staff, a plan with 4 pillars × 3 key success
 * factors, ~3 battles and a pledge per department, a year with its four
 * quarters, hospital, department and personal objectives with 50,000 key
 * results and their weekly check-ins (12 each, ~600,000 in a whole year), a
 * collaboration board with 5 columns and 2,000 cards, and ~10,000 monthly
 * indicator values.
 *
 * The hospital is written as it stands on --today (default 16 November of
 * the year, the day zx-bench-progress measures on): no check-in is written
 * after that day, and some owners stop checking in part-way (LAPSE_SHARE),
 * so some key results are stale.  As the check-in form does, each key
 * result carries the value and confidence of its latest check-in written (a
 * milestone 1 once a check-in marked it reached, else 0).
 *
 * Every row goes through zx_store_insert_row(), the store's bulk path, in
 * transactions of a few ten thousand rows.  The same seed, year and day
 * give the same hospital data (ids included); only the store's own client
 * id in local_state differs.  The file is written under a temporary name
 * and renamed when complete, so OUT.db is never a half-generated database.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-bench"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zx-rank.h"
#include "zx-store.h"

/* The shape of the large hospital (DESIGN.md, "Performance budgets") */
#define N_CLINICAL          90
#define N_MEDTECH           30
#define N_FUNCTIONAL        30
#define N_DEPARTMENTS       (N_CLINICAL + N_MEDTECH + N_FUNCTIONAL)
#define N_STAFF             5000
#define N_PILLARS           4
#define N_FACTORS           3      /* per pillar */
#define N_BATTLES           3      /* per department */
#define N_QUARTERS          4
#define N_HOSPITAL_OBJ      12     /* in the year cycle, 3 per pillar */
#define N_HOSPITAL_KRS      4      /* per hospital objective */
#define N_DEPT_OBJ          3      /* per department and quarter */
#define N_DEPT_KRS          3      /* per department objective */
#define N_KEY_RESULTS       50000  /* in all; personal KRs fill up to it */
#define N_CHECK_INS         12     /* per key result, in a whole year */
#define LAPSE_SHARE         0.12   /* key results whose owner stops checking in part-way */
#define N_WEEKS             13     /* per quarter */
#define N_COLUMNS           5
#define N_CARDS             2000
#define N_MONTHS            12

/* Commit after about this many rows, at the next point where every
 * reference already resolves (deferred foreign keys are checked then). */
#define COMMIT_EVERY        50000

typedef struct { char s[37]; } Id;

typedef struct
{
  ZxStore  *store;
  GRand    *rand;
  int       year;
  gint64    started;       /* g_get_monotonic_time() */
  guint64   rows;
  guint64   uncommitted;
  guint64   commits;
} Gen;

/* One reusable row per entity: the JsonObject is built once with every
 * field and sync column; each row updates the value nodes in place when
 * they keep their kind, and replaces a node only when it changes kind
 * (json-glib 1.6's json_node_init_*() must not be used on a node that
 * already holds a value: it keeps a dangling pointer). */
typedef enum
{
  KIND_NULL,
  KIND_STRING,
  KIND_INT,
  KIND_DOUBLE,
  KIND_BOOLEAN,
} ValueKind;

typedef struct
{
  JsonObject *row;
  const char *name;
  JsonNode   *node;    /* owned by row */
  ValueKind   kind;
} Column;

#define MAX_COLUMNS 32

typedef struct
{
  Gen            *gen;
  const ZxEntity *entity;
  JsonObject     *row;
  Column          columns[MAX_COLUMNS];
  guint           n_columns;
  Column         *id;
  Column         *updated_at;
  Column         *scope;
  guint64         count;
} Table;

typedef struct
{
  Id          id;
  const char *name;        /* owned by the department table */
  int         kind;        /* 0 clinical, 1 medtech, 2 functional */
  int         first_staff;
  int         n_staff;
  int         battle_pillar[N_BATTLES];
  Id          battle[N_BATTLES];
} Department;

typedef struct
{
  Id   id;
  int  department;
} Staff;

typedef struct
{
  Id   id;
  int  pillar;
  Id   krs[N_DEPT_KRS > N_HOSPITAL_KRS ? N_DEPT_KRS : N_HOSPITAL_KRS];
  int  n_krs;
} Objective;

/* Words ------------------------------------------------------------------- */

static const char * const clinical_names[] = {
  "心血管内科", "呼吸与危重症医学科", "消化内科", "神经内科", "肾内科", "内分泌科",
  "血液内科", "风湿免疫科", "感染科", "老年医学科", "普通外科", "肝胆外科",
  "胃肠外科", "骨科", "神经外科", "心胸外科", "泌尿外科", "血管外科",
  "整形外科", "妇科", "产科", "儿科", "新生儿科", "眼科",
  "耳鼻咽喉科", "口腔科", "皮肤科", "肿瘤科", "放疗科", "急诊科",
  "重症医学科", "麻醉科", "康复医学科", "中医科", "精神心理科", "全科医学科",
};

static const char * const medtech_names[] = {
  "检验科", "病理科", "放射科", "超声医学科", "核医学科", "药剂科",
  "输血科", "内镜中心", "心电诊断科", "临床营养科", "介入诊疗中心", "消毒供应中心",
};

/* The first ones have roles: office, HR, IT */
static const char * const functional_names[] = {
  "院长办公室", "人力资源部", "信息中心", "医务部", "护理部", "财务部",
  "质量管理部", "科研部", "教育培训部", "党委办公室", "门诊部", "医保办",
  "病案管理科", "设备处", "采购中心", "后勤保障部", "宣传部", "审计科",
  "保卫科", "纪检监察室", "运营管理部", "患者服务中心", "预防保健科", "工会",
  "团委", "基建办", "药事管理办公室", "医学装备部", "绩效考核办公室", "法务办公室",
};

static const char * const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
  "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
  "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜",
  "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭",
  "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊",
  "秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾",
};

static const char * const given_chars[] = {
  "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
  "杰", "娟", "涛", "明", "超", "兰", "霞", "平", "刚", "桂", "华", "建", "国", "志",
  "红", "玉", "梅", "鹏", "辉", "婷", "雪", "琳", "晨", "宇", "浩", "欣", "怡", "佳",
  "子", "文", "博", "思", "雨", "嘉", "俊", "琪", "慧", "颖", "峰", "林", "昊", "晓",
  "海", "燕", "波", "宁", "春", "秋", "岩", "鑫", "璐", "楠", "阳", "凯", "斌", "瑶",
};

static const char * const clinical_titles[] = {
  "主任医师", "副主任医师", "主治医师", "住院医师", "住院医师",
  "主任护师", "副主任护师", "主管护师", "护师", "护士", "护士",
};
static const char * const medtech_titles[] = {
  "主任技师", "副主任技师", "主管技师", "技师", "技士", "主管药师", "药师",
};
static const char * const functional_titles[] = {
  "研究员", "副研究员", "经济师", "会计师", "工程师", "科员", "科员",
};

typedef struct
{
  const char *name;
  const char *description;
  const char *factors[N_FACTORS];
  const char *hospital_objectives[3];
  const char *battles[3];
} PillarWords;

static const PillarWords pillars[N_PILLARS] = {
  { "学科建设与医疗质量",
    "以国家级、省级重点专科为龙头，提升疑难危重症救治能力与医疗质量安全。",
    { "重点专科集群", "医疗质量与安全", "疑难危重症救治能力" },
    { "建成 3 个省级临床重点专科", "四级手术占比提升至 25%", "低风险组病例死亡率持续下降" },
    { "四级手术攻坚战役", "医疗质量安全提升战役", "重点专科创建战役" } },
  { "患者服务与体验",
    "以患者为中心，优化就医流程，提升门诊与住院患者满意度。",
    { "就医流程再造", "智慧医院服务", "患者体验管理" },
    { "门诊预约诊疗率达到 90%", "住院患者满意度达到 95 分", "日间手术占择期手术 20%" },
    { "就医体验改善战役", "日间手术扩面战役", "智慧服务上线战役" } },
  { "运营效率与精细化管理",
    "以 DRG/DIP 支付改革为抓手，推进成本管控与资源高效配置。",
    { "DRG/DIP 精细化管理", "床位与设备资源效率", "成本管控" },
    { "平均住院日降至 7.5 天", "CMI 值提升至 1.15", "百元医疗收入耗材下降 5%" },
    { "平均住院日压缩战役", "CMI 提升战役", "DRG 成本管控战役" } },
  { "人才发展与创新",
    "建设高水平人才梯队，激发临床科研与管理创新活力。",
    { "高层次人才引育", "临床科研转化", "全员创新文化" },
    { "引进培养学科带头人 10 名", "国家自然科学基金立项 15 项", "战略微课全员完成率 95%" },
    { "人才梯队建设战役", "科研突破战役", "微创新孵化战役" } },
};

typedef struct
{
  const char *metric;
  const char *unit;
  const char *kind;       /* numeric, percentage, milestone */
  gboolean    lower;      /* lower is better */
  double      start_lo;
  double      start_hi;
  double      change_lo;  /* relative change towards the target */
  double      change_hi;
} KrWords;

static const KrWords department_krs[] = {
  { "平均住院日", "天", "numeric", TRUE, 7.0, 11.0, 0.05, 0.15 },
  { "四级手术占比", "%", "percentage", FALSE, 10, 30, 0.10, 0.30 },
  { "CMI 值", "", "numeric", FALSE, 0.8, 1.4, 0.03, 0.10 },
  { "住院患者满意度", "分", "numeric", FALSE, 85, 93, 0.02, 0.05 },
  { "门诊预约诊疗率", "%", "percentage", FALSE, 55, 80, 0.10, 0.25 },
  { "床位使用率", "%", "percentage", FALSE, 80, 92, 0.02, 0.06 },
  { "手术患者并发症发生率", "%", "percentage", TRUE, 0.8, 2.5, 0.10, 0.30 },
  { "百元医疗收入耗材", "元", "numeric", TRUE, 18, 30, 0.03, 0.08 },
  { "日间手术例数", "例", "numeric", FALSE, 40, 200, 0.15, 0.40 },
  { "微创手术占比", "%", "percentage", FALSE, 20, 45, 0.08, 0.20 },
  { "检查报告出具时间", "小时", "numeric", TRUE, 24, 48, 0.10, 0.30 },
  { "科研项目立项数", "项", "numeric", FALSE, 1, 4, 0.50, 1.00 },
  { "完成专科联盟签约", NULL, "milestone", FALSE, 0, 0, 0, 0 },
  { "上线临床路径管理", NULL, "milestone", FALSE, 0, 0, 0, 0 },
  { "开设 MDT 联合门诊", NULL, "milestone", FALSE, 0, 0, 0, 0 },
};

static const KrWords personal_krs[] = {
  { "完成四级手术", "例", "numeric", FALSE, 0, 0, 10, 40 },
  { "主持疑难病例讨论", "次", "numeric", FALSE, 0, 0, 3, 8 },
  { "发表核心期刊论文", "篇", "numeric", FALSE, 0, 0, 1, 2 },
  { "带教规培学员", "人", "numeric", FALSE, 0, 0, 2, 6 },
  { "病历甲级率", "%", "percentage", FALSE, 85, 92, 95, 100 },
  { "负责患者满意度", "%", "percentage", FALSE, 88, 93, 95, 99 },
  { "完成战略微课", "门", "numeric", FALSE, 0, 0, 3, 6 },
  { "不良事件主动上报", "例", "numeric", FALSE, 0, 0, 2, 5 },
  { "平均处理时长", "分钟", "numeric", TRUE, 30, 45, 15, 25 },
  { "完成新技术准入申报", NULL, "milestone", FALSE, 0, 0, 0, 0 },
  { "完成岗位技能考核", NULL, "milestone", FALSE, 0, 0, 0, 0 },
  { "提交微创新项目申请", NULL, "milestone", FALSE, 0, 0, 0, 0 },
};

static const char * const department_objectives[] = {
  "提升医疗质量与患者安全", "打造特色专科品牌", "缩短患者等待时间",
  "提高床位与资源使用效率", "建设骨干人才梯队", "推进临床科研创新",
  "落实 DRG 精细化管理", "改善患者就医体验", "推广日间手术与微创技术",
};

static const char * const personal_objectives[] = {
  "提升个人专业技术能力", "支撑科室重点战役落地", "改善所负责患者的就医体验",
  "带好教学，培养年轻骨干", "在临床实践中开展创新", "提高工作效率与规范性",
};

static const char * const notes[] = {
  "按计划推进，本周完成阶段性任务。", "与相关科室沟通后进度加快。", "数据已核对，趋势向好。",
  "受节假日影响，本周进展较慢。", "已完成流程梳理，下周开始试点。", "患者量增加，指标略有波动。",
  "科室例会已讨论，明确了责任人。", "持续跟踪中。", "已达成本周小目标。", "需要进一步分析原因。",
};

static const char * const obstacles[] = {
  "床位紧张，周转受限。", "信息系统接口尚未打通。", "人员排班不足。",
  "设备维修等待时间长。", "跨科室协作响应慢。", "医保政策调整带来不确定性。",
};

static const char * const supports[] = {
  "请信息中心协助开发数据报表。", "希望医务部协调会诊资源。", "需要设备处加快维修审批。",
  "请人力资源部支持临时人员调配。", "需要院办督办跨科室需求。",
};

static const char * const card_tasks[] = {
  "开通绿色通道", "联合开展 MDT 会诊", "优先安排检查", "提供检验数据接口",
  "协助制定临床路径", "派员参加联合查房", "共享设备使用时段", "协助开展院感培训",
  "支持日间手术病房", "调配护理人力", "协助完成病案质控", "联合申报科研项目",
};

static const char * const column_names[N_COLUMNS] = {
  "待受理", "已受理", "进行中", "待验收", "已完成",
};

typedef struct
{
  const char *code;
  const char *name;
  const char *dimension;
  const char *sub_dimension;
  gboolean    department;  /* also valued per clinical department */
  gboolean    lower;
  const char *unit;
  double      base;
  double      spread;
} IndicatorWords;

static const IndicatorWords indicators[] = {
  { "NPI-001", "出院患者手术占比", "医疗质量", "功能定位", TRUE, FALSE, "%", 35, 10 },
  { "NPI-002", "出院患者微创手术占比", "医疗质量", "功能定位", TRUE, FALSE, "%", 22, 8 },
  { "NPI-003", "出院患者四级手术比例", "医疗质量", "功能定位", TRUE, FALSE, "%", 18, 6 },
  { "NPI-004", "手术患者并发症发生率", "医疗质量", "质量安全", TRUE, TRUE, "%", 1.2, 0.5 },
  { "NPI-005", "低风险组病例死亡率", "医疗质量", "质量安全", TRUE, TRUE, "%", 0.02, 0.01 },
  { "NPI-006", "平均住院日", "运营效率", "资源效率", TRUE, TRUE, "天", 8.5, 2 },
  { "NPI-007", "床位周转次数", "运营效率", "资源效率", TRUE, FALSE, "次", 3.2, 0.8 },
  { "NPI-008", "病例组合指数（CMI）", "运营效率", "资源效率", TRUE, FALSE, "", 1.05, 0.2 },
  { "NPI-009", "住院患者满意度", "满意度评价", "患者满意度", TRUE, FALSE, "分", 91, 3 },
  { "NPI-010", "门诊患者预约诊疗率", "医疗质量", "合理用药", FALSE, FALSE, "%", 72, 8 },
  { "NPI-011", "门诊患者预约后平均等待时间", "医疗质量", "服务流程", FALSE, TRUE, "分钟", 18, 5 },
  { "NPI-012", "电子病历应用功能水平分级", "医疗质量", "服务流程", FALSE, FALSE, "级", 5, 0.5 },
  { "NPI-013", "抗菌药物使用强度", "医疗质量", "合理用药", FALSE, TRUE, "DDDs", 38, 4 },
  { "NPI-014", "基本药物采购金额占比", "医疗质量", "合理用药", FALSE, FALSE, "%", 42, 5 },
  { "NPI-015", "集中采购中选药品使用比例", "医疗质量", "合理用药", FALSE, FALSE, "%", 85, 6 },
  { "NPI-016", "门诊次均费用增幅", "运营效率", "费用控制", FALSE, TRUE, "%", 3, 2 },
  { "NPI-017", "住院次均费用增幅", "运营效率", "费用控制", FALSE, TRUE, "%", 2.5, 2 },
  { "NPI-018", "医疗服务收入占医疗收入比例", "运营效率", "收支结构", FALSE, FALSE, "%", 31, 3 },
  { "NPI-019", "辅助用药收入占比", "运营效率", "收支结构", FALSE, TRUE, "%", 2, 0.8 },
  { "NPI-020", "人员支出占业务支出比重", "运营效率", "收支结构", FALSE, FALSE, "%", 38, 3 },
  { "NPI-021", "万元收入能耗支出", "运营效率", "收支结构", FALSE, TRUE, "元", 95, 10 },
  { "NPI-022", "门诊患者满意度", "满意度评价", "患者满意度", FALSE, FALSE, "分", 88, 3 },
  { "NPI-023", "医务人员满意度", "满意度评价", "医务人员满意度", FALSE, FALSE, "分", 84, 4 },
  { "NPI-024", "每百名卫生技术人员科研项目经费", "持续发展", "学科建设", FALSE, FALSE, "万元", 60, 15 },
  { "NPI-025", "麻醉、儿科、重症、病理、中医医师占比", "持续发展", "人员结构", FALSE, FALSE, "%", 14, 2 },
};

/* Plumbing ------------------------------------------------------------------ */

G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
static void
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  fputs ("zx-bench-generate: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  exit (1);
}

static double
elapsed_s (Gen *g)
{
  return (g_get_monotonic_time () - g->started) / 1e6;
}

static void
progress (Gen        *g,
          const char *what,
          guint64     done,
          guint64     total)
{
  if (total > 0)
    fprintf (stderr, "%7.1f s  %-16s %8" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT "\n",
             elapsed_s (g), what, done, total);
  else
    fprintf (stderr, "%7.1f s  %-16s %8" G_GUINT64_FORMAT "\n", elapsed_s (g), what, done);
}

static int
pick (Gen *g,
      int  n)
{
  return g_rand_int_range (g->rand, 0, n);
}

static gboolean
chance (Gen    *g,
        double  p)
{
  return g_rand_double (g->rand) < p;
}

static double
between (Gen    *g,
         double  lo,
         double  hi)
{
  return g_rand_double_range (g->rand, lo, hi);
}

#define PICK(g, array) ((array)[pick ((g), G_N_ELEMENTS (array))])

/* A version 4 UUID from the seeded generator */
static void
new_id (Gen *g,
        Id  *out)
{
  guint32 r0 = g_rand_int (g->rand);
  guint32 r1 = (g_rand_int (g->rand) & 0xffff0fff) | 0x00004000;
  guint32 r2 = (g_rand_int (g->rand) & 0x3fffffff) | 0x80000000;
  guint32 r3 = g_rand_int (g->rand);

  g_snprintf (out->s, sizeof out->s, "%08x-%04x-%04x-%04x-%04x%08x",
              r0, r1 >> 16, r1 & 0xffff, r2 >> 16, r2 & 0xffff, r3);
}

static void
commit (Gen *g)
{
  g_autoptr(GError) error = NULL;

  if (!zx_store_commit (g->store, &error))
    die ("could not commit after %" G_GUINT64_FORMAT " rows: %s", g->rows, error->message);
  g->uncommitted = 0;
  g->commits++;
}

static void
begin (Gen *g)
{
  g_autoptr(GError) error = NULL;

  if (!zx_store_begin (g->store, &error))
    die ("could not begin a transaction: %s", error->message);
}

/* Call only where every reference inserted so far resolves */
static void
maybe_commit (Gen *g)
{
  if (g->uncommitted >= COMMIT_EVERY)
    {
      commit (g);
      begin (g);
    }
}

static Column *
add_column (Table      *t,
            const char *name,
            JsonNode   *node,
            ValueKind   kind)
{
  Column *c;

  g_assert (t->n_columns < MAX_COLUMNS);
  c = &t->columns[t->n_columns++];
  c->row = t->row;
  c->name = name;
  c->node = node;
  c->kind = kind;
  json_object_set_member (t->row, name, node);
  return c;
}

static void
table_init (Table      *t,
            Gen        *g,
            const char *entity)
{
  memset (t, 0, sizeof *t);
  t->gen = g;
  t->entity = zx_schema_lookup (entity);
  if (t->entity == NULL)
    die ("the schema has no entity “%s”", entity);
  t->row = json_object_new ();
  t->id = add_column (t, ZX_COLUMN_ID, json_node_init_string (json_node_alloc (), "-"), KIND_STRING);
  for (guint i = 0; i < t->entity->n_fields; i++)
    add_column (t, t->entity->fields[i].name, json_node_new (JSON_NODE_NULL), KIND_NULL);
  add_column (t, ZX_COLUMN_VERSION, json_node_init_int (json_node_alloc (), 0), KIND_INT);
  t->updated_at = add_column (t, ZX_COLUMN_UPDATED_AT, json_node_init_string (json_node_alloc (), "-"), KIND_STRING);
  add_column (t, ZX_COLUMN_UPDATED_BY, json_node_init_string (json_node_alloc (), "bench"), KIND_STRING);
  add_column (t, ZX_COLUMN_DELETED, json_node_init_boolean (json_node_alloc (), FALSE), KIND_BOOLEAN);
  t->scope = add_column (t, ZX_COLUMN_SCOPE, json_node_init_string (json_node_alloc (), ZX_SCOPE_ALL), KIND_STRING);
}

static void
table_clear (Table *t)
{
  g_clear_pointer (&t->row, json_object_unref);
}

/* The column of one field, to be set for each row; a typo fails at once */
static Column *
col (Table      *t,
     const char *field)
{
  if (zx_entity_lookup_field (t->entity, field) == NULL)
    die ("the schema of %s has no field “%s”", t->entity->name, field);
  for (guint i = 0; i < t->n_columns; i++)
    if (g_str_equal (t->columns[i].name, field))
      return &t->columns[i];
  g_assert_not_reached ();
}

/* A new node in place of the old one (which the row frees) */
static JsonNode *
replace (Column    *c,
         ValueKind  kind)
{
  c->node = kind == KIND_NULL ? json_node_new (JSON_NODE_NULL) : json_node_new (JSON_NODE_VALUE);
  c->kind = kind;
  json_object_set_member (c->row, c->name, c->node);
  return c->node;
}

static void
set_null (Column *c)
{
  if (c->kind != KIND_NULL)
    replace (c, KIND_NULL);
}

static void
set_str (Column     *c,
         const char *value)
{
  if (value == NULL)
    set_null (c);
  else
    json_node_set_string (c->kind == KIND_STRING ? c->node : replace (c, KIND_STRING), value);
}

static void
set_int (Column *c,
         gint64  value)
{
  json_node_set_int (c->kind == KIND_INT ? c->node : replace (c, KIND_INT), value);
}

static void
set_real (Column *c,
          double  value)
{
  json_node_set_double (c->kind == KIND_DOUBLE ? c->node : replace (c, KIND_DOUBLE), value);
}

static void
set_bool (Column   *c,
          gboolean  value)
{
  json_node_set_boolean (c->kind == KIND_BOOLEAN ? c->node : replace (c, KIND_BOOLEAN), value);
}

static void
table_insert (Table      *t,
              const Id   *id,
              const char *updated_at,
              const char *scope)
{
  g_autoptr(GError) error = NULL;

  set_str (t->id, id->s);
  set_str (t->updated_at, updated_at);
  set_str (t->scope, scope);
  if (!zx_store_insert_row (t->gen->store, t->entity, t->row, &error))
    die ("could not insert %s %s: %s", t->entity->name, id->s, error->message);
  t->count++;
  t->gen->rows++;
  t->gen->uncommitted++;
}

/* Ranks for @n siblings, kept for the whole run */
static const char * const *
ranks (guint n)
{
  static GHashTable *cache;
  char **keys;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_strfreev);
  keys = g_hash_table_lookup (cache, GUINT_TO_POINTER (n));
  if (keys == NULL)
    {
      keys = zx_rank_spread (n);
      g_hash_table_insert (cache, GUINT_TO_POINTER (n), keys);
    }
  return (const char * const *) keys;
}

/* Dates -------------------------------------------------------------------- */

typedef struct
{
  char start[11];
  char end[11];
  char week[N_WEEKS][11];       /* Mondays */
  char friday[N_WEEKS][11];
} Quarter;

static void
format_date (GDate *date,
             char   out[11])
{
  g_snprintf (out, 11, "%04d-%02d-%02d",
              g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static void
quarters_init (Quarter quarters[N_QUARTERS],
               int     year)
{
  for (int q = 0; q < N_QUARTERS; q++)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, (GDateMonth) (q * 3 + 1), (GDateYear) year);
      format_date (&date, quarters[q].start);
      while (g_date_get_weekday (&date) != G_DATE_MONDAY)
        g_date_add_days (&date, 1);
      for (int w = 0; w < N_WEEKS; w++)
        {
          GDate friday = date;

          format_date (&date, quarters[q].week[w]);
          g_date_add_days (&friday, 4);
          format_date (&friday, quarters[q].friday[w]);
          g_date_add_days (&date, 7);
        }
      g_date_set_dmy (&date, 1, (GDateMonth) (q * 3 + 1), (GDateYear) year);
      g_date_add_months (&date, 3);
      g_date_subtract_days (&date, 1);
      format_date (&date, quarters[q].end);
    }
}

/* Generation ---------------------------------------------------------------- */

typedef struct
{
  Gen         *g;
  int          year;
  Quarter      quarters[N_QUARTERS];
  char         year_start[32];     /* a time stamp early in the year */
  Id           hospital;
  Id           plan;
  Id           pillar[N_PILLARS];
  Id           cycle_year;
  Id           cycle[N_QUARTERS];
  Department  *departments;
  Staff       *staff;
  char         today[11];          /* no check-in after this day */
  Objective    hospital_objectives[N_HOSPITAL_OBJ];
  Objective   *dept_objectives;    /* [department][quarter][N_DEPT_OBJ] */
  int          leaders[8];
  int          n_leaders;
  Table        key_result;
  Table        check_in;
  Column      *kr_objective, *kr_title, *kr_kind, *kr_start, *kr_target, *kr_current,
              *kr_unit, *kr_direction, *kr_weight, *kr_owner, *kr_due, *kr_challenge,
              *kr_confidence, *kr_rank;
  Column      *ci_kr, *ci_week, *ci_value, *ci_done, *ci_confidence, *ci_note,
              *ci_obstacles, *ci_support, *ci_author, *ci_created;
} Hospital;

static Objective *
dept_objective (Hospital *h,
                int       department,
                int       quarter,
                int       index)
{
  return &h->dept_objectives[(department * N_QUARTERS + quarter) * N_DEPT_OBJ + index];
}

static int
staff_of (Hospital *h,
          int       department)
{
  const Department *d = &h->departments[department];

  return d->first_staff + pick (h->g, d->n_staff);
}

static void
make_name (Gen     *g,
           GString *out)
{
  g_string_assign (out, PICK (g, surnames));
  g_string_append (out, PICK (g, given_chars));
  if (chance (g, 0.7))
    g_string_append (out, PICK (g, given_chars));
}

static void
gen_hospital_and_departments (Hospital *h)
{
  Gen *g = h->g;
  Table t;
  const char * const *dept_ranks = ranks (N_DEPARTMENTS);
  Column *name, *code, *kind, *head, *beds, *rank;
  int next_staff = 0;
  double weight_sum = 0;
  double weight_done = 0;
  static const double kind_weight[3] = { 40, 30, 18 };
  static const char * const kinds[3] = { "clinical", "medtech", "functional" };

  table_init (&t, g, "hospital");
  new_id (g, &h->hospital);
  set_str (col (&t, "name"), "示范市第一人民医院");
  set_str (col (&t, "short_name"), "市一院");
  set_str (col (&t, "grade"), "三级甲等");
  set_str (col (&t, "region"), "示范省示范市");
  table_insert (&t, &h->hospital, h->year_start, ZX_SCOPE_ALL);
  table_clear (&t);

  /* Staff ids first: a department names its head */
  h->departments = g_new0 (Department, N_DEPARTMENTS);
  h->staff = g_new0 (Staff, N_STAFF);
  for (int i = 0; i < N_STAFF; i++)
    new_id (g, &h->staff[i].id);

  for (int i = 0; i < N_DEPARTMENTS; i++)
    {
      Department *d = &h->departments[i];

      d->kind = i < N_CLINICAL ? 0 : i < N_CLINICAL + N_MEDTECH ? 1 : 2;
      weight_sum += kind_weight[d->kind];
    }

  /* Spread the staff by department kind, exactly N_STAFF in all */
  for (int i = 0; i < N_DEPARTMENTS; i++)
    {
      Department *d = &h->departments[i];
      int end;

      weight_done += kind_weight[d->kind];
      end = (int) llround (N_STAFF * weight_done / weight_sum);
      d->first_staff = next_staff;
      d->n_staff = end - next_staff;
      next_staff = end;
      for (int s = d->first_staff; s < end; s++)
        h->staff[s].department = i;
    }
  g_assert (next_staff == N_STAFF);

  table_init (&t, g, "department");
  name = col (&t, "name");
  code = col (&t, "code");
  kind = col (&t, "kind");
  head = col (&t, "head_id");
  beds = col (&t, "beds");
  rank = col (&t, "rank");
  for (int i = 0; i < N_DEPARTMENTS; i++)
    {
      Department *d = &h->departments[i];
      const char * const *names;
      guint n_names;
      int index;
      char buf[16];

      if (d->kind == 0)
        names = clinical_names, n_names = G_N_ELEMENTS (clinical_names), index = i;
      else if (d->kind == 1)
        names = medtech_names, n_names = G_N_ELEMENTS (medtech_names), index = i - N_CLINICAL;
      else
        names = functional_names, n_names = G_N_ELEMENTS (functional_names), index = i - N_CLINICAL - N_MEDTECH;

      /* "心血管内科", then "心血管内科 2", "心血管内科 3" (its wards) */
      if (index / n_names == 0)
        d->name = g_strdup (names[index % n_names]);
      else
        d->name = g_strdup_printf ("%s %u", names[index % n_names], index / n_names + 1);

      new_id (g, &d->id);
      set_str (name, d->name);
      g_snprintf (buf, sizeof buf, "D%03d", i + 1);
      set_str (code, buf);
      set_str (kind, kinds[d->kind]);
      set_str (head, h->staff[d->first_staff].id.s);
      if (d->kind == 0)
        set_int (beds, 30 + pick (g, 31));
      else
        set_null (beds);
      set_str (rank, dept_ranks[i]);
      table_insert (&t, &d->id, h->year_start, d->id.s);
    }
  progress (g, "departments", t.count, 0);
  table_clear (&t);
}

static void
gen_staff (Hospital *h)
{
  Gen *g = h->g;
  Table t;
  Column *name, *no, *title, *dept, *role, *key, *email, *phone;
  g_autoptr(GString) person = g_string_new (NULL);
  char buf[64];

  table_init (&t, g, "staff");
  name = col (&t, "name");
  no = col (&t, "employee_no");
  title = col (&t, "title");
  dept = col (&t, "department_id");
  role = col (&t, "role");
  key = col (&t, "key_person");
  email = col (&t, "email");
  phone = col (&t, "phone");

  for (int i = 0; i < N_STAFF; i++)
    {
      Staff *s = &h->staff[i];
      Department *d = &h->departments[s->department];
      int nth = i - d->first_staff;       /* 0 is the head */
      int functional = s->department - N_CLINICAL - N_MEDTECH;
      const char *r = "staff";

      if (nth == 0)
        r = "head";
      else if (functional == 0 && nth <= 6)
        r = "leadership";
      else if (functional == 0)
        r = "office";
      else if (functional == 1)
        r = "hr";
      else if (functional == 2 && nth <= 2)
        r = "admin";

      if (g_str_equal (r, "leadership") && h->n_leaders < (int) G_N_ELEMENTS (h->leaders))
        h->leaders[h->n_leaders++] = i;

      make_name (g, person);
      set_str (name, person->str);
      g_snprintf (buf, sizeof buf, "E%05d", i + 1);
      set_str (no, buf);
      if (d->kind == 0)
        set_str (title, nth == 0 ? "主任医师" : PICK (g, clinical_titles));
      else if (d->kind == 1)
        set_str (title, nth == 0 ? "主任技师" : PICK (g, medtech_titles));
      else
        set_str (title, PICK (g, functional_titles));
      set_str (dept, d->id.s);
      set_str (role, r);
      set_bool (key, nth == 0 || chance (g, 0.05));
      g_snprintf (buf, sizeof buf, "e%05d@hospital.example.cn", i + 1);
      set_str (email, buf);
      if (chance (g, 0.6))
        {
          g_snprintf (buf, sizeof buf, "13%d%08d", 5 + pick (g, 5), pick (g, 100000000));
          set_str (phone, buf);
        }
      else
        set_null (phone);
      table_insert (&t, &s->id, h->year_start, d->id.s);
    }
  progress (g, "staff", t.count, 0);
  table_clear (&t);
  g_assert (h->n_leaders > 0);
}

static void
gen_strategy (Hospital *h)
{
  Gen *g = h->g;
  Table t;
  const char * const *pillar_ranks = ranks (N_PILLARS);
  const char * const *factor_ranks = ranks (N_FACTORS);
  const char * const *battle_ranks = ranks (N_BATTLES);
  static const char * const battle_states[] = {
    "planned", "in_progress", "in_progress", "in_progress", "in_progress", "in_progress",
    "at_risk", "at_risk", "achieved", "dropped",
  };
  char buf[512];
  guint64 n;

  table_init (&t, g, "plan");
  new_id (g, &h->plan);
  g_snprintf (buf, sizeof buf, "%d—%d 年发展战略规划", h->year, h->year + 4);
  set_str (col (&t, "name"), buf);
  set_int (col (&t, "start_year"), h->year);
  set_int (col (&t, "end_year"), h->year + 4);
  set_str (col (&t, "goal"), "建成区域领先、国内一流的高水平研究型医院，让患者少跑腿、医生有成长、医院可持续。");
  set_str (col (&t, "description"), "战略解码为四大支柱，逐级分解到 150 个科室的作战地图与全员 OKR。");
  table_insert (&t, &h->plan, h->year_start, ZX_SCOPE_ALL);
  table_clear (&t);

  table_init (&t, g, "pillar");
  for (int p = 0; p < N_PILLARS; p++)
    {
      new_id (g, &h->pillar[p]);
      set_str (col (&t, "plan_id"), h->plan.s);
      set_str (col (&t, "name"), pillars[p].name);
      set_str (col (&t, "description"), pillars[p].description);
      set_str (col (&t, "rank"), pillar_ranks[p]);
      table_insert (&t, &h->pillar[p], h->year_start, ZX_SCOPE_ALL);
    }
  table_clear (&t);

  table_init (&t, g, "success_factor");
  for (int p = 0; p < N_PILLARS; p++)
    for (int f = 0; f < N_FACTORS; f++)
      {
        Id id;

        new_id (g, &id);
        set_str (col (&t, "pillar_id"), h->pillar[p].s);
        set_str (col (&t, "name"), pillars[p].factors[f]);
        set_null (col (&t, "description"));
        set_str (col (&t, "rank"), factor_ranks[f]);
        table_insert (&t, &id, h->year_start, ZX_SCOPE_ALL);
      }
  table_clear (&t);

  /* Battles: three per department, each serving a pillar */
  table_init (&t, g, "battle");
  n = 0;
  for (int i = 0; i < N_DEPARTMENTS; i++)
    {
      Department *d = &h->departments[i];
      int first = pick (g, N_PILLARS);

      for (int b = 0; b < N_BATTLES; b++)
        {
          int p = (first + b) % N_PILLARS;
          int q = pick (g, N_QUARTERS);

          d->battle_pillar[b] = p;
          new_id (g, &d->battle[b]);
          set_str (col (&t, "department_id"), d->id.s);
          set_str (col (&t, "pillar_id"), h->pillar[p].s);
          set_str (col (&t, "name"), PICK (g, pillars[p].battles));
          g_snprintf (buf, sizeof buf, "%s达到年度目标", pillars[p].hospital_objectives[pick (g, 3)]);
          set_str (col (&t, "target"), buf);
          set_str (col (&t, "owner_id"), h->staff[b == 0 ? d->first_staff : staff_of (h, i)].id.s);
          set_str (col (&t, "deadline"), h->quarters[q < 2 ? 3 : q].end);
          set_str (col (&t, "status"), PICK (g, battle_states));
          set_null (col (&t, "description"));
          set_str (col (&t, "rank"), battle_ranks[b]);
          table_insert (&t, &d->battle[b], h->year_start, d->id.s);
          n++;
        }
    }
  progress (g, "battles", n, 0);
  table_clear (&t);

  /* A pledge per department head for the year */
  table_init (&t, g, "pledge");
  for (int i = 0; i < N_DEPARTMENTS; i++)
    {
      Department *d = &h->departments[i];
      g_autofree char *commitment = NULL;
      char signed_at[32];
      Id id;

      new_id (g, &id);
      commitment = g_strdup_printf ("%s郑重承诺，%d 年全力完成以下战役：一、%s；二、%s；三、%s。未完成者接受医院考核。",
                                    d->name, h->year,
                                    pillars[d->battle_pillar[0]].battles[0],
                                    pillars[d->battle_pillar[1]].battles[1],
                                    pillars[d->battle_pillar[2]].battles[2]);
      g_snprintf (signed_at, sizeof signed_at, "%d-01-%02dT%02d:00:00Z", h->year, 10 + pick (g, 15), 8 + pick (g, 9));
      set_str (col (&t, "department_id"), d->id.s);
      set_int (col (&t, "year"), h->year);
      set_str (col (&t, "head_id"), h->staff[d->first_staff].id.s);
      set_str (col (&t, "commitment"), commitment);
      set_str (col (&t, "signed_at"), signed_at);
      set_str (col (&t, "signed_by"), h->staff[d->first_staff].id.s);
      set_str (col (&t, "witness"), "院长");
      table_insert (&t, &id, signed_at, d->id.s);
    }
  table_clear (&t);

  /* The year and its quarters */
  table_init (&t, g, "cycle");
  new_id (g, &h->cycle_year);
  g_snprintf (buf, sizeof buf, "%d 年度", h->year);
  set_str (col (&t, "name"), buf);
  set_str (col (&t, "kind"), "year");
  set_null (col (&t, "parent_id"));
  set_str (col (&t, "start_date"), h->quarters[0].start);
  set_str (col (&t, "end_date"), h->quarters[N_QUARTERS - 1].end);
  table_insert (&t, &h->cycle_year, h->year_start, ZX_SCOPE_ALL);
  for (int q = 0; q < N_QUARTERS; q++)
    {
      new_id (g, &h->cycle[q]);
      g_snprintf (buf, sizeof buf, "%d 年第 %d 季度", h->year, q + 1);
      set_str (col (&t, "name"), buf);
      set_str (col (&t, "kind"), "quarter");
      set_str (col (&t, "parent_id"), h->cycle_year.s);
      set_str (col (&t, "start_date"), h->quarters[q].start);
      set_str (col (&t, "end_date"), h->quarters[q].end);
      table_insert (&t, &h->cycle[q], h->year_start, ZX_SCOPE_ALL);
    }
  table_clear (&t);
  maybe_commit (g);
}

/* Key results and their check-ins ------------------------------------------ */

static void
okr_tables_init (Hospital *h)
{
  table_init (&h->key_result, h->g, "key_result");
  h->kr_objective = col (&h->key_result, "objective_id");
  h->kr_title = col (&h->key_result, "title");
  h->kr_kind = col (&h->key_result, "kind");
  h->kr_start = col (&h->key_result, "start_value");
  h->kr_target = col (&h->key_result, "target_value");
  h->kr_current = col (&h->key_result, "current_value");
  h->kr_unit = col (&h->key_result, "unit");
  h->kr_direction = col (&h->key_result, "direction");
  h->kr_weight = col (&h->key_result, "weight");
  h->kr_owner = col (&h->key_result, "owner_id");
  h->kr_due = col (&h->key_result, "due_date");
  h->kr_challenge = col (&h->key_result, "challenge");
  h->kr_confidence = col (&h->key_result, "confidence");
  h->kr_rank = col (&h->key_result, "rank");

  table_init (&h->check_in, h->g, "check_in");
  h->ci_kr = col (&h->check_in, "key_result_id");
  h->ci_week = col (&h->check_in, "week");
  h->ci_value = col (&h->check_in, "value");
  h->ci_done = col (&h->check_in, "milestone_done");
  h->ci_confidence = col (&h->check_in, "confidence");
  h->ci_note = col (&h->check_in, "note");
  h->ci_obstacles = col (&h->check_in, "obstacles");
  h->ci_support = col (&h->check_in, "support_needed");
  h->ci_author = col (&h->check_in, "author_id");
  h->ci_created = col (&h->check_in, "created_at");
}

/* Counted things (cases, projects) have whole numbers */
static gboolean
start_is_count (const char *unit)
{
  static const char * const counts[] = { "例", "项", "篇", "人", "门", "次", "个" };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (g_str_equal (unit, counts[i]))
      return TRUE;
  return FALSE;
}

/* "59%", "21 元", "0.86" */
static void
with_unit (char       *out,
           gsize       size,
           double      value,
           const char *unit)
{
  if (unit[0] == '\0' || g_str_equal (unit, "%"))
    g_snprintf (out, size, "%g%s", value, unit);
  else
    g_snprintf (out, size, "%g %s", value, unit);
}

static double
round1 (double v)
{
  return round (v * 10) / 10;
}

/* One key result and its weekly check-ins.  @quarter < 0: a year-long key
 * result, checked in every month or so across the four quarters. */
static void
gen_key_result (Hospital       *h,
                const Id       *objective,
                const char     *scope,
                int             quarter,
                const KrWords  *words,
                gboolean        personal,
                int             owner,
                double          weight,
                const char     *rank,
                const char     *stamp,
                Id             *out_id)
{
  Gen *g = h->g;
  gboolean milestone = g_str_equal (words->kind, "milestone");
  gboolean percentage = g_str_equal (words->kind, "percentage");
  gboolean whole = words->unit != NULL && start_is_count (words->unit);
  double start = 0, target = 0;
  double pace = between (g, 0.45, 1.15);  /* where the key result ends up */
  double value[N_CHECK_INS];
  gboolean done[N_CHECK_INS];             /* a milestone reached, by then */
  int confidence[N_CHECK_INS];
  int week[N_CHECK_INS];
  int quarter_of[N_CHECK_INS];
  int skip = pick (g, N_WEEKS);           /* the one week without a check-in */
  /* how many it gets: its owner may stop checking in part-way, and none
   * is written after h->today */
  int n_written = chance (g, LAPSE_SHARE) ? 1 + pick (g, N_CHECK_INS - 1) : N_CHECK_INS;
  /* Confidence settles around what the pace deserves: low when behind */
  double settled = CLAMP (2.0 + pace * 6.5, 2, 9.5);
  double conf = 7;
  char title[256];
  char created[32];
  Id id;

  /* The plan of the key result: start and target */
  if (!milestone)
    {
      if (personal && words->start_hi == 0)
        {
          start = 0;
          target = round (between (g, words->change_lo, words->change_hi + 1));
        }
      else if (personal)
        {
          start = round1 (between (g, words->start_lo, words->start_hi));
          target = round1 (between (g, words->change_lo, words->change_hi));
          if (words->lower ? target >= start : target <= start)
            target = words->lower ? start - 5 : MIN (start + 3, 100);
        }
      else
        {
          double change = between (g, words->change_lo, words->change_hi);

          start = between (g, words->start_lo, words->start_hi);
          start = whole || start >= 10 ? round (start) : round (start * 100) / 100;
          target = start * (words->lower ? 1 - change : 1 + change);
          target = whole || start >= 10 ? round (target) : round (target * 100) / 100;
          if (percentage)
            target = CLAMP (target, 0, 100);
        }
      if (target == start)
        target = words->lower ? start - 1 : start + 1;
      if (percentage && (target < 0 || target > 100))
        target = words->lower ? 0 : 100;
    }

  /* The check-ins it will get, drawn before the row so the row carries the
   * latest value and confidence */
  for (int c = 0, w = 0; c < N_CHECK_INS; w++)
    {
      double progress;

      if (quarter < 0)
        {
          /* monthly: weeks 2, 6 and 10 of each quarter */
          quarter_of[c] = c / 3;
          week[c] = 2 + (c % 3) * 4;
        }
      else
        {
          if (w == skip)
            continue;
          quarter_of[c] = quarter;
          week[c] = w;
        }
      progress = pace * (week[c] + 1 + (quarter < 0 ? quarter_of[c] * N_WEEKS : 0)) /
                 (quarter < 0 ? N_QUARTERS * N_WEEKS : N_WEEKS);
      progress += between (g, -0.04, 0.04);
      /* once reached, a milestone stays reached */
      done[c] = milestone && (progress >= 1.0 || (c > 0 && done[c - 1]));
      if (milestone)
        value[c] = progress;
      else
        {
          double v = start + (target - start) * progress;

          if (percentage)
            v = CLAMP (v, 0, 100);
          value[c] = whole ? round (v) : fabs (v) >= 10 ? round1 (v) : round (v * 100) / 100;
        }
      conf += (settled - conf) * 0.3 + between (g, -0.8, 0.8);
      confidence[c] = CLAMP ((int) lround (conf), 1, 10);
      c++;
    }

  /* Check-ins come in date order: those up to today */
  for (int c = 0; c < n_written; c++)
    if (strcmp (h->quarters[quarter_of[c]].friday[week[c]], h->today) > 0)
      {
        n_written = c;
        break;
      }

  if (milestone)
    g_snprintf (title, sizeof title, "%s", words->metric);
  else
    {
      char from[32], to[32];

      with_unit (from, sizeof from, start, words->unit);
      with_unit (to, sizeof to, target, words->unit);
      if (personal && words->start_hi == 0)
        g_snprintf (title, sizeof title, "%s %s", words->metric, to);
      else
        g_snprintf (title, sizeof title, "%s从 %s %s至 %s", words->metric, from,
                    words->lower ? "降" : "提升", to);
    }

  new_id (g, &id);
  set_str (h->kr_objective, objective->s);
  set_str (h->kr_title, title);
  set_str (h->kr_kind, words->kind);
  /* The current value and confidence are those of the latest check-in
   * (a milestone: 1 reached, 0 not yet); none yet: no value */
  if (milestone)
    {
      set_null (h->kr_start);
      set_null (h->kr_target);
      set_real (h->kr_current, n_written > 0 && done[n_written - 1] ? 1.0 : 0.0);
      set_null (h->kr_unit);
    }
  else
    {
      set_real (h->kr_start, start);
      set_real (h->kr_target, target);
      if (n_written > 0)
        set_real (h->kr_current, value[n_written - 1]);
      else
        set_null (h->kr_current);
      set_str (h->kr_unit, words->unit[0] ? words->unit : NULL);
    }
  set_str (h->kr_direction, words->lower ? "lower" : "higher");
  set_real (h->kr_weight, weight);
  set_str (h->kr_owner, h->staff[owner].id.s);
  set_str (h->kr_due, h->quarters[quarter < 0 ? N_QUARTERS - 1 : quarter].end);
  set_bool (h->kr_challenge, chance (g, 0.12));
  if (n_written > 0)
    set_int (h->kr_confidence, confidence[n_written - 1]);
  else
    set_null (h->kr_confidence);
  set_str (h->kr_rank, rank);

  /* The check-ins first and then their key result, which finds its latest
   * check-in once (a trigger of 004-latest-check-in.sql) rather than being
   * written again for each check-in: references are checked at commit */
  set_str (h->ci_kr, id.s);
  set_str (h->ci_author, h->staff[owner].id.s);
  for (int c = 0; c < n_written; c++)
    {
      const Quarter *q = &h->quarters[quarter_of[c]];
      Id ci;

      new_id (g, &ci);
      g_snprintf (created, sizeof created, "%sT%02d:%02d:00Z", q->friday[week[c]], 1 + pick (g, 10), pick (g, 60));
      set_str (h->ci_week, q->week[week[c]]);
      if (milestone)
        {
          set_null (h->ci_value);
          set_bool (h->ci_done, done[c]);
        }
      else
        {
          set_real (h->ci_value, value[c]);
          set_bool (h->ci_done, FALSE);
        }
      set_int (h->ci_confidence, confidence[c]);
      set_str (h->ci_note, chance (g, 0.4) ? PICK (g, notes) : NULL);
      set_str (h->ci_obstacles, chance (g, confidence[c] < 5 ? 0.5 : 0.08) ? PICK (g, obstacles) : NULL);
      set_str (h->ci_support, chance (g, confidence[c] < 5 ? 0.3 : 0.04) ? PICK (g, supports) : NULL);
      set_str (h->ci_created, created);
      table_insert (&h->check_in, &ci, created, scope);
    }
  table_insert (&h->key_result, &id, stamp, scope);

  if (out_id != NULL)
    *out_id = id;
}

/* Objectives ---------------------------------------------------------------- */

static const double weights2[] = { 50, 50 };
static const double weights3[] = { 40, 30, 30 };
static const double weights4[] = { 30, 25, 25, 20 };

static const double *
weights_for (int n)
{
  switch (n)
    {
    case 2: return weights2;
    case 3: return weights3;
    case 4: return weights4;
    default: g_assert_not_reached ();
    }
}

typedef struct
{
  Table     t;
  Column *cycle, *level, *title, *owner, *dept, *pillar, *battle,
           *parent_obj, *parent_kr, *status, *rank;
} ObjectiveTable;

static void
objective_table_init (ObjectiveTable *o,
                      Gen            *g)
{
  table_init (&o->t, g, "objective");
  o->cycle = col (&o->t, "cycle_id");
  o->level = col (&o->t, "level");
  o->title = col (&o->t, "title");
  o->owner = col (&o->t, "owner_id");
  o->dept = col (&o->t, "department_id");
  o->pillar = col (&o->t, "pillar_id");
  o->battle = col (&o->t, "battle_id");
  o->parent_obj = col (&o->t, "parent_objective_id");
  o->parent_kr = col (&o->t, "parent_key_result_id");
  o->status = col (&o->t, "status");
  o->rank = col (&o->t, "rank");
}

static void
gen_okrs (Hospital *h)
{
  Gen *g = h->g;
  ObjectiveTable o;
  const char * const *hospital_ranks = ranks (N_HOSPITAL_OBJ);
  const char * const *dept_ranks = ranks (N_DEPT_OBJ);
  const char * const *one_rank = ranks (1);
  guint64 n_personal_objectives = (guint64) N_STAFF * N_QUARTERS;
  guint64 n_personal_krs = N_KEY_RESULTS - N_HOSPITAL_OBJ * N_HOSPITAL_KRS -
                           (guint64) N_DEPARTMENTS * N_QUARTERS * N_DEPT_OBJ * N_DEPT_KRS;
  guint64 extra = n_personal_krs - 2 * n_personal_objectives;  /* objectives with a third KR */
  guint64 personal_index = 0;
  guint64 next_report = 100000;
  char stamp[32];

  g_assert (n_personal_krs >= 2 * n_personal_objectives && extra <= n_personal_objectives);

  objective_table_init (&o, g);
  okr_tables_init (h);

  /* Hospital objectives for the year, three per pillar */
  g_snprintf (stamp, sizeof stamp, "%sT09:00:00Z", h->quarters[0].start);
  for (int i = 0; i < N_HOSPITAL_OBJ; i++)
    {
      Objective *obj = &h->hospital_objectives[i];
      int p = i % N_PILLARS;
      int leader = h->leaders[i % h->n_leaders];

      obj->pillar = p;
      obj->n_krs = N_HOSPITAL_KRS;
      new_id (g, &obj->id);
      set_str (o.cycle, h->cycle_year.s);
      set_str (o.level, "hospital");
      set_str (o.title, pillars[p].hospital_objectives[i / N_PILLARS]);
      set_str (o.owner, h->staff[leader].id.s);
      set_null (o.dept);
      set_str (o.pillar, h->pillar[p].s);
      set_null (o.battle);
      set_null (o.parent_obj);
      set_null (o.parent_kr);
      set_str (o.status, "active");
      set_str (o.rank, hospital_ranks[i]);
      table_insert (&o.t, &obj->id, stamp, ZX_SCOPE_ALL);

      for (int k = 0; k < obj->n_krs; k++)
        gen_key_result (h, &obj->id, ZX_SCOPE_ALL, -1, &PICK (g, department_krs), FALSE, leader,
                        weights_for (obj->n_krs)[k], ranks (obj->n_krs)[k], stamp, &obj->krs[k]);
    }
  maybe_commit (g);

  h->dept_objectives = g_new0 (Objective, (gsize) N_DEPARTMENTS * N_QUARTERS * N_DEPT_OBJ);

  for (int q = 0; q < N_QUARTERS; q++)
    {
      g_snprintf (stamp, sizeof stamp, "%sT09:00:00Z", h->quarters[q].start);

      /* Department objectives: each serves one of the department's battles
       * and aligns to a key result of a hospital objective of its pillar */
      for (int i = 0; i < N_DEPARTMENTS; i++)
        {
          Department *d = &h->departments[i];

          for (int j = 0; j < N_DEPT_OBJ; j++)
            {
              Objective *obj = dept_objective (h, i, q, j);
              int b = j % N_BATTLES;
              int p = d->battle_pillar[b];
              const Objective *parent = &h->hospital_objectives[p + N_PILLARS * pick (g, N_HOSPITAL_OBJ / N_PILLARS)];
              int owner = d->first_staff;

              obj->pillar = p;
              obj->n_krs = N_DEPT_KRS;
              new_id (g, &obj->id);
              set_str (o.cycle, h->cycle[q].s);
              set_str (o.level, "department");
              set_str (o.title, PICK (g, department_objectives));
              set_str (o.owner, h->staff[owner].id.s);
              set_str (o.dept, d->id.s);
              set_str (o.pillar, h->pillar[p].s);
              set_str (o.battle, d->battle[b].s);
              set_str (o.parent_obj, parent->id.s);
              set_str (o.parent_kr, parent->krs[pick (g, parent->n_krs)].s);
              set_str (o.status, "active");
              set_str (o.rank, dept_ranks[j]);
              table_insert (&o.t, &obj->id, stamp, d->id.s);

              for (int k = 0; k < obj->n_krs; k++)
                gen_key_result (h, &obj->id, d->id.s, q, &PICK (g, department_krs), FALSE,
                                k == 0 ? owner : staff_of (h, i),
                                weights_for (obj->n_krs)[k], ranks (obj->n_krs)[k], stamp, &obj->krs[k]);
              maybe_commit (g);
            }
        }

      /* Personal objectives: one per person, aligned to a key result of
       * one of the department's objectives; 2 or 3 key results each */
      for (int s = 0; s < N_STAFF; s++)
        {
          const Staff *person = &h->staff[s];
          const Department *d = &h->departments[person->department];
          const Objective *parent = dept_objective (h, person->department, q, pick (g, N_DEPT_OBJ));
          int n_krs = 2 + (int) ((personal_index + 1) * extra / n_personal_objectives -
                                 personal_index * extra / n_personal_objectives);
          Id id;

          personal_index++;
          new_id (g, &id);
          set_str (o.cycle, h->cycle[q].s);
          set_str (o.level, "personal");
          set_str (o.title, PICK (g, personal_objectives));
          set_str (o.owner, person->id.s);
          set_str (o.dept, d->id.s);
          set_str (o.pillar, h->pillar[parent->pillar].s);
          set_null (o.battle);
          set_str (o.parent_obj, parent->id.s);
          set_str (o.parent_kr, parent->krs[pick (g, parent->n_krs)].s);
          set_str (o.status, "active");
          set_str (o.rank, one_rank[0]);
          table_insert (&o.t, &id, stamp, d->id.s);

          for (int k = 0; k < n_krs; k++)
            gen_key_result (h, &id, d->id.s, q, &PICK (g, personal_krs), TRUE, s,
                            weights_for (n_krs)[k], ranks (n_krs)[k], stamp, NULL);
          maybe_commit (g);

          if (h->check_in.count >= next_report)
            {
              progress (g, "check-ins", h->check_in.count, (guint64) N_KEY_RESULTS * N_CHECK_INS);
              next_report += 100000;
            }
        }
    }

  progress (g, "objectives", o.t.count, 0);
  progress (g, "key results", h->key_result.count, N_KEY_RESULTS);
  progress (g, "check-ins", h->check_in.count, (guint64) N_KEY_RESULTS * N_CHECK_INS);
  g_assert (h->key_result.count == N_KEY_RESULTS);

  table_clear (&o.t);
  table_clear (&h->key_result);
  table_clear (&h->check_in);
}

/* The collaboration board ----------------------------------------------------- */

static void
gen_board (Hospital *h)
{
  Gen *g = h->g;
  Table t, ev;
  Id board;
  Id column[N_COLUMNS];
  Id *cards;
  int *card_column;
  int per_column[N_COLUMNS] = { 0 };
  int placed[N_COLUMNS] = { 0 };
  const char * const *column_ranks = ranks (N_COLUMNS);
  static const double column_share[N_COLUMNS] = { 0.15, 0.15, 0.35, 0.10, 0.25 };
  static const char * const priorities[] = {
    "low", "low", "low", "normal", "normal", "normal", "normal", "normal", "normal",
    "normal", "normal", "high", "high", "high", "high", "urgent", "urgent",
  };
  Column *c_board, *c_column, *c_title, *c_desc, *c_from, *c_to, *c_kr, *c_due,
           *c_priority, *c_assignee, *c_creator, *c_supervised, *c_sup_deadline,
           *c_sup_note, *c_blocked, *c_done_at, *c_rank;
  Column *e_card, *e_kind, *e_from, *e_to, *e_actor, *e_at, *e_detail;
  char stamp[32];
  char title[256];

  g_snprintf (stamp, sizeof stamp, "%sT08:00:00Z", h->quarters[0].start);

  table_init (&t, g, "board");
  new_id (g, &board);
  set_str (col (&t, "name"), "横向协同需求看板");
  set_str (col (&t, "rank"), ranks (1)[0]);
  table_insert (&t, &board, stamp, ZX_SCOPE_ALL);
  table_clear (&t);

  table_init (&t, g, "board_column");
  for (int c = 0; c < N_COLUMNS; c++)
    {
      new_id (g, &column[c]);
      set_str (col (&t, "board_id"), board.s);
      set_str (col (&t, "name"), column_names[c]);
      set_bool (col (&t, "is_done"), c == N_COLUMNS - 1);
      set_bool (col (&t, "archived"), FALSE);
      set_str (col (&t, "rank"), column_ranks[c]);
      table_insert (&t, &column[c], stamp, ZX_SCOPE_ALL);
    }
  table_clear (&t);

  /* Columns first, so each column's cards get evenly spread ranks */
  cards = g_new0 (Id, N_CARDS);
  card_column = g_new0 (int, N_CARDS);
  for (int i = 0; i < N_CARDS; i++)
    {
      double r = g_rand_double (g->rand);
      int c = 0;

      while (c < N_COLUMNS - 1 && r >= column_share[c])
        r -= column_share[c++];
      card_column[i] = c;
      per_column[c]++;
    }

  table_init (&t, g, "card");
  c_board = col (&t, "board_id");
  c_column = col (&t, "column_id");
  c_title = col (&t, "title");
  c_desc = col (&t, "description");
  c_from = col (&t, "from_department_id");
  c_to = col (&t, "to_department_id");
  c_kr = col (&t, "key_result_id");
  c_due = col (&t, "due_date");
  c_priority = col (&t, "priority");
  c_assignee = col (&t, "assignee_id");
  c_creator = col (&t, "created_by");
  c_supervised = col (&t, "supervised");
  c_sup_deadline = col (&t, "supervision_deadline");
  c_sup_note = col (&t, "supervision_note");
  c_blocked = col (&t, "blocked_by_id");
  c_done_at = col (&t, "done_at");
  c_rank = col (&t, "rank");

  table_init (&ev, g, "card_event");
  e_card = col (&ev, "card_id");
  e_kind = col (&ev, "kind");
  e_from = col (&ev, "from_column_id");
  e_to = col (&ev, "to_column_id");
  e_actor = col (&ev, "actor_id");
  e_at = col (&ev, "at");
  e_detail = col (&ev, "detail");

  for (int i = 0; i < N_CARDS; i++)
    {
      int c = card_column[i];
      int from = pick (g, N_DEPARTMENTS);
      int to = (from + 1 + pick (g, N_DEPARTMENTS - 1)) % N_DEPARTMENTS;
      int q = pick (g, N_QUARTERS);
      int w = pick (g, N_WEEKS);
      int creator = staff_of (h, from);
      const Quarter *quarter = &h->quarters[q];
      const Objective *obj = dept_objective (h, from, q, pick (g, N_DEPT_OBJ));
      char created[32];
      char due[11];
      GDate date;

      g_snprintf (created, sizeof created, "%sT%02d:%02d:00Z", quarter->week[w], 1 + pick (g, 9), pick (g, 60));
      g_date_clear (&date, 1);
      g_date_set_parse (&date, quarter->week[w]);
      g_date_add_days (&date, 7 + pick (g, 35));
      format_date (&date, due);

      new_id (g, &cards[i]);
      set_str (c_board, board.s);
      set_str (c_column, column[c].s);
      g_snprintf (title, sizeof title, "【%s】%s", h->departments[to].name, PICK (g, card_tasks));
      set_str (c_title, title);
      set_str (c_desc, chance (g, 0.5) ? "为达成本科室关键结果，需要对方科室在约定时间内给予支持。" : NULL);
      set_str (c_from, h->departments[from].id.s);
      set_str (c_to, h->departments[to].id.s);
      set_str (c_kr, chance (g, 0.85) ? obj->krs[pick (g, obj->n_krs)].s : NULL);
      set_str (c_due, due);
      set_str (c_priority, PICK (g, priorities));
      set_str (c_assignee, c > 0 ? h->staff[staff_of (h, to)].id.s : NULL);
      set_str (c_creator, h->staff[creator].id.s);
      if (chance (g, 0.1))
        {
          set_bool (c_supervised, TRUE);
          set_str (c_sup_deadline, due);
          set_str (c_sup_note, "院办督办：请按期反馈进展。");
        }
      else
        {
          set_bool (c_supervised, FALSE);
          set_null (c_sup_deadline);
          set_null (c_sup_note);
        }
      set_str (c_blocked, i > 0 && chance (g, 0.03) ? cards[pick (g, i)].s : NULL);
      if (c == N_COLUMNS - 1)
        {
          char done_at[32];

          g_snprintf (done_at, sizeof done_at, "%sT10:00:00Z", due);
          set_str (c_done_at, done_at);
        }
      else
        set_null (c_done_at);
      set_str (c_rank, ranks (per_column[c])[placed[c]++]);
      table_insert (&t, &cards[i], created, ZX_SCOPE_ALL);

      /* Its history: created, then moved to where it is */
      {
        Id e;

        new_id (g, &e);
        set_str (e_card, cards[i].s);
        set_str (e_kind, "created");
        set_null (e_from);
        set_str (e_to, column[0].s);
        set_str (e_actor, h->staff[creator].id.s);
        set_str (e_at, created);
        set_null (e_detail);
        table_insert (&ev, &e, created, ZX_SCOPE_ALL);
        if (c > 0)
          {
            new_id (g, &e);
            set_str (e_kind, "moved");
            set_str (e_from, column[0].s);
            set_str (e_to, column[c].s);
            table_insert (&ev, &e, created, ZX_SCOPE_ALL);
          }
      }
    }
  progress (g, "cards", t.count, 0);
  table_clear (&t);
  table_clear (&ev);
  g_free (cards);
  g_free (card_column);
  maybe_commit (g);
}

/* Indicators: the library and a year of monthly values ---------------------- */

static void
gen_indicators (Hospital *h)
{
  Gen *g = h->g;
  Table t, v;
  Id ids[G_N_ELEMENTS (indicators)];
  Column *v_indicator, *v_dept, *v_month, *v_value, *v_source;
  char stamp[32];

  g_snprintf (stamp, sizeof stamp, "%sT08:00:00Z", h->quarters[0].start);

  table_init (&t, g, "indicator");
  for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
    {
      const IndicatorWords *w = &indicators[i];

      new_id (g, &ids[i]);
      set_str (col (&t, "code"), w->code);
      set_str (col (&t, "name"), w->name);
      set_str (col (&t, "dimension"), w->dimension);
      set_str (col (&t, "sub_dimension"), w->sub_dimension);
      set_str (col (&t, "level"), w->department ? "department" : "hospital");
      set_str (col (&t, "direction"), w->lower ? "lower" : "higher");
      set_str (col (&t, "unit"), w->unit[0] ? w->unit : NULL);
      set_null (col (&t, "definition"));
      set_str (col (&t, "source"), "national");
      set_bool (col (&t, "national_monitoring"), TRUE);
      set_bool (col (&t, "retired"), FALSE);
      table_insert (&t, &ids[i], stamp, ZX_SCOPE_ALL);
    }
  table_clear (&t);

  table_init (&v, g, "indicator_value");
  v_indicator = col (&v, "indicator_id");
  v_dept = col (&v, "department_id");
  v_month = col (&v, "month");
  v_value = col (&v, "value");
  v_source = col (&v, "source");
  set_str (v_source, "import");

  /* Hospital-wide values of every indicator, then per clinical department
   * for the department-level ones */
  for (int d = -1; d < N_CLINICAL; d++)
    for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
      {
        const IndicatorWords *w = &indicators[i];
        double level = w->base + between (g, -w->spread, w->spread);

        if (d >= 0 && !w->department)
          continue;
        for (int m = 0; m < N_MONTHS; m++)
          {
            char month[8];
            char at[32];
            double value;
            Id id;

            g_snprintf (month, sizeof month, "%04d-%02d", h->year, m + 1);
            g_snprintf (at, sizeof at, "%04d-%02d-28T08:00:00Z", h->year, m + 1);
            level += between (g, -w->spread, w->spread) / 6;
            value = MAX (level, 0);
            value = value >= 10 ? round1 (value) : round (value * 1000) / 1000;
            new_id (g, &id);
            set_str (v_indicator, ids[i].s);
            set_str (v_dept, d >= 0 ? h->departments[d].id.s : NULL);
            set_str (v_month, month);
            set_real (v_value, value);
            table_insert (&v, &id, at, d >= 0 ? h->departments[d].id.s : ZX_SCOPE_ALL);
          }
      }
  progress (g, "indicator values", v.count, 0);
  table_clear (&v);
}

/* main ----------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  gint64 seed = 1;
  int year = 2026;
  g_autofree char *today = NULL;
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "N" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "Year of the cycles (default 2026)", "YYYY" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      "The day the hospital stands on: no check-in after it (default 16 November of the year)", "YYYY-MM-DD" },
    { NULL }
  };
  Gen gen = { 0 };
  Hospital hospital = { 0 };
  const char *out;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("OUT.db — write the benchmark's large hospital to a new database");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("%s", error->message);
  if (argc != 2)
    die ("usage: zx-bench-generate OUT.db [--seed N] [--year YYYY] [--today YYYY-MM-DD]");
  if (year < 2001 || year > 2095)
    die ("--year must lie between 2001 and 2095");
  if (today == NULL)
    today = g_strdup_printf ("%04d-11-16", year);
  {
    int y, m, d;

    if (strlen (today) != 10 || today[4] != '-' || today[7] != '-' ||
        sscanf (today, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
        !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
      die ("--today must be a day as YYYY-MM-DD, not “%s”", today);
  }
  out = argv[1];
  if (g_file_test (out, G_FILE_TEST_EXISTS))
    die ("“%s” already exists; the generator writes a new database only", out);

  /* Written under another name, renamed when complete */
  partial = g_strdup_printf ("%s.partial", out);
  wal = g_strdup_printf ("%s-wal", partial);
  shm = g_strdup_printf ("%s-shm", partial);
  g_unlink (partial);
  g_unlink (wal);
  g_unlink (shm);

  gen.started = g_get_monotonic_time ();
  gen.year = year;
  gen.rand = g_rand_new_with_seed ((guint32) (seed ^ (seed >> 32)));
  gen.store = zx_store_open (partial, &error);
  if (gen.store == NULL)
    die ("%s", error->message);
  zx_store_set_actor (gen.store, "bench");

  hospital.g = &gen;
  hospital.year = year;
  quarters_init (hospital.quarters, year);
  g_strlcpy (hospital.today, today, sizeof hospital.today);
  g_snprintf (hospital.year_start, sizeof hospital.year_start, "%04d-01-05T08:00:00Z", year);

  fprintf (stderr, "Generating the large hospital (seed %" G_GINT64_FORMAT ", year %d, as on %s) into %s\n",
           seed, year, today, out);

  begin (&gen);
  gen_hospital_and_departments (&hospital);
  gen_staff (&hospital);
  gen_strategy (&hospital);
  gen_okrs (&hospital);
  gen_board (&hospital);
  gen_indicators (&hospital);
  commit (&gen);

  fprintf (stderr, "%7.1f s  closing (checkpoint)\n", elapsed_s (&gen));
  g_clear_object (&gen.store);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    die ("the database was not closed cleanly (%s remains)", wal);
  if (g_rename (partial, out) != 0)
    die ("could not rename %s to %s: %s", partial, out, g_strerror (errno));

  fprintf (stderr, "%7.1f s  done: %" G_GUINT64_FORMAT " rows in %" G_GUINT64_FORMAT " transactions, %.0f rows/s\n",
           elapsed_s (&gen), gen.rows, gen.commits, gen.rows / elapsed_s (&gen));

  for (int i = 0; i < N_DEPARTMENTS; i++)
    g_free ((char *) hospital.departments[i].name);
  g_free (hospital.departments);
  g_free (hospital.staff);
  g_free (hospital.dept_objectives);
  g_rand_free (gen.rand);
  return 0;
}
