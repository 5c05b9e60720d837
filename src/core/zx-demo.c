/* zx-demo.c — the demo hospital
 *
 * A realistic tertiary hospital (江城市第一人民医院) with its three-year
 * plan, battle maps, OKRs and check-ins for the current quarter, the
 * collaboration board, courses, skills, the innovation fund, the indicator
 * library with a year of monthly values, and a draft evaluation scheme.
 *
 * Everything is derived from @today and a GRand with a constant seed, and
 * every id from a hash of "entity/serial", so the same @today always gives
 * byte-identical data.  The text is data, not UI: it is not translated.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "zx-demo.h"
#include "zx-demo-empowerment.h"
#include "zx-demo-fund.h"
#include "zx-demo-evaluation.h"
#include "zx-rank.h"

#define DEMO_SEED 20260101u
#define NO_DAY    G_MININT   /* "no date" in the relative-day columns below */
#define MAX_WEEKS 16         /* a quarter has at most 14 Mondays */

/* Static data ---------------------------------------------------------------- */

enum {
  D_XNK, D_SJWK, D_GK, D_PWK, D_FCK, D_EK, D_JZK, D_ZLK,   /* clinical */
  D_JYK, D_YXK, D_BLK, D_YJK,                              /* medtech */
  D_YB, D_RLZY, D_YWB, D_HLB, D_CWB, D_XXK,                /* functional */
  N_DEPTS
};

typedef struct { const char *name, *code, *kind; int beds; const char *skill; } DeptSpec;

static const DeptSpec depts[N_DEPTS] = {
  { "心血管内科", "XNK", "clinical", 86, "经导管心脏瓣膜介入技术" },
  { "神经外科", "SJWK", "clinical", 64, "神经内镜操作" },
  { "骨科", "GK", "clinical", 90, "机器人辅助手术操作" },
  { "普外科", "PWK", "clinical", 96, "腹腔镜高级操作" },
  { "妇产科", "FCK", "clinical", 80, "危重孕产妇救治" },
  { "儿科", "EK", "clinical", 70, "儿童哮喘规范化管理" },
  { "急诊科", "JZK", "clinical", 40, "严重创伤急救" },
  { "肿瘤科", "ZLK", "clinical", 92, "肿瘤多学科诊疗" },
  { "检验科", "JYK", "medtech", 0, "检验质量控制" },
  { "医学影像科", "YXK", "medtech", 0, "影像AI辅助诊断" },
  { "病理科", "BLK", "medtech", 0, "分子病理检测" },
  { "药剂科", "YJK", "medtech", 0, "临床药学查房" },
  { "院办", "YB", "functional", 0, "项目管理" },
  { "人力资源部", "RLZYB", "functional", 0, "项目管理" },
  { "医务部", "YWB", "functional", 0, "DRG病组与病案首页质控" },
  { "护理部", "HLB", "functional", 0, "重症护理" },
  { "财务部", "CWB", "functional", 0, "病种成本核算" },
  { "信息科", "XXK", "functional", 0, "数据接口开发" },
};

/* The first person listed in a department is its head (member 0). */
typedef struct { int dept; const char *name, *title, *role; gboolean key; const char *post; } StaffSpec;

static const StaffSpec staff_specs[] = {
  { D_YB, "赵文博", "经济师", "head", FALSE },          /* 院办主任 */
  { D_YB, "李静怡", "助理研究员", "office", FALSE },
  { D_YB, "孙晓东", "经济师", "office", FALSE },         /* 督办专员 */
  { D_YB, "林振华", "主任医师", "leadership", TRUE, "院长" },
  { D_YB, "周秀琴", "高级政工师", "leadership", FALSE, "党委书记" },
  { D_YB, "陈立新", "主任医师", "leadership", TRUE, "副院长（分管医疗）" },
  { D_YB, "王海燕", "高级会计师", "leadership", FALSE, "副院长（分管运营）" },
  { D_RLZY, "郑丽华", "高级经济师", "head", FALSE },
  { D_RLZY, "刘晓敏", "经济师", "hr", FALSE },
  { D_RLZY, "何佳", "助理经济师", "hr", FALSE },
  { D_YWB, "高建国", "副主任医师", "head", FALSE },
  { D_YWB, "马骁", "主治医师", "staff", FALSE },
  { D_YWB, "唐芳", "经济师", "staff", FALSE },
  { D_HLB, "徐红梅", "主任护师", "head", FALSE },
  { D_HLB, "罗燕", "副主任护师", "staff", FALSE },
  { D_HLB, "谢婷", "主管护师", "staff", FALSE },
  { D_CWB, "钱国梁", "高级会计师", "head", FALSE },
  { D_CWB, "冯雪", "会计师", "staff", FALSE },
  { D_CWB, "韩磊", "会计师", "staff", FALSE },
  { D_XXK, "宋志远", "高级工程师", "head", TRUE },
  { D_XXK, "杜宇航", "工程师", "admin", FALSE },
  { D_XXK, "彭博", "工程师", "staff", FALSE },
  { D_XXK, "曹颖", "助理工程师", "staff", FALSE },
  { D_XNK, "张建华", "主任医师", "head", TRUE },
  { D_XNK, "李明", "副主任医师", "staff", TRUE },
  { D_XNK, "王芳", "主治医师", "staff", FALSE },
  { D_XNK, "刘洋", "住院医师", "staff", FALSE },
  { D_XNK, "夏雨", "住院医师", "staff", FALSE },
  { D_XNK, "陈静", "主管护师", "staff", FALSE },
  { D_XNK, "杨帆", "护师", "staff", FALSE },
  { D_SJWK, "黄志强", "主任医师", "head", TRUE },
  { D_SJWK, "吴昊", "副主任医师", "staff", FALSE },
  { D_SJWK, "周婷", "主治医师", "staff", FALSE },
  { D_SJWK, "徐浩然", "住院医师", "staff", FALSE },
  { D_SJWK, "孙丽", "主管护师", "staff", FALSE },
  { D_GK, "胡军", "主任医师", "head", FALSE },
  { D_GK, "朱磊", "副主任医师", "staff", TRUE },
  { D_GK, "郭晓峰", "主治医师", "staff", FALSE },
  { D_GK, "林雪", "住院医师", "staff", FALSE },
  { D_GK, "何秀英", "主管护师", "staff", FALSE },
  { D_GK, "贾鹏", "护师", "staff", FALSE },
  { D_PWK, "高峰", "主任医师", "head", FALSE },
  { D_PWK, "梁伟", "副主任医师", "staff", TRUE },
  { D_PWK, "宋佳", "主治医师", "staff", FALSE },
  { D_PWK, "郑凯", "住院医师", "staff", FALSE },
  { D_PWK, "韩梅", "主管护师", "staff", FALSE },
  { D_FCK, "罗慧", "主任医师", "head", FALSE },
  { D_FCK, "谢晓丽", "副主任医师", "staff", FALSE },
  { D_FCK, "唐敏", "主治医师", "staff", FALSE },
  { D_FCK, "许婧", "住院医师", "staff", FALSE },
  { D_FCK, "邓春燕", "主管护师", "staff", FALSE },
  { D_EK, "冯建军", "主任医师", "head", FALSE },
  { D_EK, "曾雅琴", "副主任医师", "staff", FALSE },
  { D_EK, "彭晓", "主治医师", "staff", FALSE },
  { D_EK, "吕楠", "主管护师", "staff", FALSE },
  { D_JZK, "董卫东", "主任医师", "head", FALSE },
  { D_JZK, "袁帅", "副主任医师", "staff", FALSE },
  { D_JZK, "蒋倩", "主治医师", "staff", FALSE },
  { D_JZK, "蔡小燕", "护师", "staff", FALSE },
  { D_ZLK, "潘国庆", "主任医师", "head", TRUE },
  { D_ZLK, "田甜", "副主任医师", "staff", TRUE },
  { D_ZLK, "姜涛", "主治医师", "staff", FALSE },
  { D_ZLK, "石磊", "主治医师", "staff", FALSE },
  { D_ZLK, "范文", "住院医师", "staff", FALSE },
  { D_ZLK, "方丽", "主管护师", "staff", FALSE },
  { D_JYK, "余晓春", "主任技师", "head", FALSE },
  { D_JYK, "叶倩", "主管技师", "staff", FALSE },
  { D_JYK, "程亮", "技师", "staff", FALSE },
  { D_JYK, "魏欣", "技师", "staff", FALSE },
  { D_YXK, "苏振宇", "主任医师", "head", TRUE },
  { D_YXK, "卢婷", "副主任医师", "staff", FALSE },
  { D_YXK, "丁凯", "主治医师", "staff", FALSE },
  { D_YXK, "任晓光", "技师", "staff", FALSE },
  { D_BLK, "沈文涛", "主任医师", "head", FALSE },
  { D_BLK, "姚敏", "主治医师", "staff", FALSE },
  { D_BLK, "廖婷", "技师", "staff", FALSE },
  { D_YJK, "邹红", "主任药师", "head", FALSE },
  { D_YJK, "熊伟", "主管药师", "staff", FALSE },
  { D_YJK, "金晶", "药师", "staff", FALSE },
  { D_YJK, "陆晨", "主管药师", "staff", FALSE },
};
#define N_STAFF G_N_ELEMENTS (staff_specs)

typedef struct { const char *name, *description; const char *factors[4]; } PillarSpec;

static const PillarSpec pillars[] = {
  { "顶尖技术突破", "聚焦心脑血管、肿瘤、创伤等重点病种，引进和自主开展标志性新技术，提升疑难危重症救治能力。",
    { "新技术新项目准入与推广", "疑难危重症救治能力", "多学科协作诊疗（MDT）" } },
  { "卓越患者体验", "以患者为中心再造就医流程，缩短等待时间，让患者看病更省心、住院更安心。",
    { "就医流程再造与预约诊疗", "优质护理服务全覆盖", "患者满意度闭环管理" } },
  { "高效运营体系", "以DRG/DIP支付方式改革为契机，推进精细化运营和信息化建设，提高资源使用效率。",
    { "DRG病组精细化管理", "床位统筹与平均住院日压缩", "数据驱动的信息化支撑" } },
  { "人才与学科建设", "建设重点专科，打造能打硬仗的人才梯队，让每位员工都能在战略中找到成长通道。",
    { "重点专科建设", "青年骨干培养与导师制", "科研创新与成果转化", "全员战略通识培训" } },
};
#define N_PILLARS G_N_ELEMENTS (pillars)

/* Two battles per department, in department order */
typedef struct { int dept, pillar; const char *name, *target, *deadline, *status; int owner; } BattleSpec;

static const BattleSpec battles[] = {
  { D_XNK, 0, "开展经导管主动脉瓣置换术（TAVR）", "全年完成TAVR 20例，术后30天并发症率低于5%", "12-31", "in_progress", 1 },
  { D_XNK, 1, "胸痛中心提质增效", "STEMI患者进门至导丝通过时间中位数不超过75分钟", "09-30", "achieved", 0 },
  { D_SJWK, 0, "开展神经内镜下颅底肿瘤切除术", "完成15例，术后90天随访率100%", "12-31", "in_progress", 1 },
  { D_SJWK, 1, "卒中中心绿色通道再造", "静脉溶栓DNT时间中位数降至45分钟以内", "06-30", "achieved", 0 },
  { D_GK, 0, "推广机器人辅助关节置换", "全年完成机器人辅助关节置换40例", "12-31", "at_risk", 1 },
  { D_GK, 2, "关节置换加速康复（ERAS）全覆盖", "关节置换平均住院日由9.5天降至7.0天", "12-31", "in_progress", 0 },
  { D_PWK, 2, "日间手术中心建设", "日间手术占择期手术比例达到25%", "12-31", "in_progress", 0 },
  { D_PWK, 0, "开展腹腔镜胰十二指肠切除术", "完成10例，科室四级手术占比提升3个百分点", "12-31", "in_progress", 1 },
  { D_FCK, 0, "危重孕产妇救治中心建设", "危重孕产妇救治成功率不低于98%", "12-31", "in_progress", 0 },
  { D_FCK, 1, "产科优质服务提升", "产科住院患者满意度达到96分", "12-31", "in_progress", 1 },
  { D_EK, 1, "儿童哮喘规范化管理门诊", "建档随访哮喘患儿300人", "12-31", "in_progress", 1 },
  { D_EK, 0, "新生儿重症监护能力提升", "极低出生体重儿存活率不低于90%", "12-31", "at_risk", 0 },
  { D_JZK, 2, "急诊分诊信息化改造", "分诊至首诊时间不超过10分钟", "09-30", "achieved", 1 },
  { D_JZK, 0, "区域创伤中心建设", "严重创伤患者抢救成功率不低于95%", "12-31", "in_progress", 0 },
  { D_ZLK, 0, "肿瘤多学科诊疗（MDT）全覆盖", "新发恶性肿瘤患者MDT覆盖率不低于80%", "12-31", "in_progress", 1 },
  { D_ZLK, 2, "日间化疗病房建设", "日间化疗占比达到40%，平均住院日降至6.5天", "12-31", "at_risk", 0 },
  { D_JYK, 3, "通过ISO 15189实验室认可复评审", "复评审一次通过，新增认可项目8项", "10-31", "achieved", 0 },
  { D_JYK, 1, "危急值闭环管理", "危急值10分钟内通报率100%", "12-31", "in_progress", 1 },
  { D_YXK, 0, "AI辅助肺结节筛查", "胸部CT全部接入AI辅助阅片，诊断准确率达到99%", "12-31", "in_progress", 0 },
  { D_YXK, 1, "检查预约一站式服务", "CT、MRI预约等待时间缩短至2天以内", "12-31", "in_progress", 1 },
  { D_BLK, 1, "术中快速冰冻病理提速", "术中冰冻30分钟内出报告率不低于95%", "12-31", "in_progress", 1 },
  { D_BLK, 3, "分子病理平台建设", "开展分子病理检测项目6项", "12-31", "planned", 0 },
  { D_YJK, 3, "临床药师查房全覆盖", "临床药师参与全部临床科室查房，药学查房每月不少于60次", "12-31", "in_progress", 0 },
  { D_YJK, 2, "处方前置审核系统上线", "处方审核率100%，不合理处方率降至1%以下", "09-30", "achieved", 1 },
  { D_YB, 2, "战略执行督办机制", "横向协同需求按期办结率不低于90%", "12-31", "in_progress", 0 },
  { D_YB, 3, "《我们的战略与我》全员宣讲", "全员战略知晓率不低于90%", "06-30", "achieved", 1 },
  { D_RLZY, 3, "以OKR为核心的绩效评价改革", "OKR在季度绩效评价中权重不低于50%，全院覆盖", "12-31", "in_progress", 0 },
  { D_RLZY, 3, "青年骨干导师制", "为40名青年骨干配对导师", "12-31", "in_progress", 1 },
  { D_YWB, 0, "新技术新项目全流程管理", "全年准入新技术12项，100%完成效果评估", "12-31", "in_progress", 0 },
  { D_YWB, 2, "DRG病组精细化管理", "全院CMI值提升0.12", "12-31", "at_risk", 1 },
  { D_HLB, 1, "优质护理服务全覆盖", "优质护理服务病房覆盖率100%", "06-30", "achieved", 0 },
  { D_HLB, 3, "专科护士培养", "新增省级专科护士15名", "12-31", "in_progress", 1 },
  { D_CWB, 2, "病种成本核算", "完成100个DRG病组成本核算", "12-31", "in_progress", 0 },
  { D_CWB, 2, "全面预算管理", "预算执行偏差率控制在5%以内", "12-31", "in_progress", 1 },
  { D_XXK, 2, "临床数据中心与新技术数据接口", "为12项新技术提供数据采集接口", "12-31", "in_progress", 1 },
  { D_XXK, 2, "电子病历应用水平分级评价", "通过电子病历系统应用水平五级评审", "12-31", "at_risk", 0 },
};

typedef enum { PACE_ON_TRACK, PACE_BEHIND, PACE_STALE, PACE_LOW, PACE_NONE } Pace;

typedef struct {
  const char *title, *kind;
  double      start, target;
  const char *unit, *direction;
  double      weight;
  gboolean    challenge;
} KrSpec;

typedef struct { int pillar; const char *title, *owner; KrSpec krs[2]; Pace paces[2]; } HospitalOkrSpec;

static const HospitalOkrSpec hospital_okrs[] = {
  { 0, "打造区域领先的新技术高地", "陈立新",
    { { "全院开展标志性新技术新项目12项", "numeric", 0, 12, "项", "higher", 50, FALSE },
      { "出院患者四级手术比例由18%提升至22%", "percentage", 18, 22, "%", "higher", 50, TRUE } },
    { PACE_ON_TRACK, PACE_ON_TRACK } },
  { 1, "让患者就医更省心、住院更安心", "林振华",
    { { "住院患者满意度由91.5分提升至95分", "numeric", 91.5, 95, "分", "higher", 50, FALSE },
      { "门诊预约后平均等待时间由28分钟降至20分钟", "numeric", 28, 20, "分钟", "lower", 50, FALSE } },
    { PACE_ON_TRACK, PACE_BEHIND } },
  { 2, "以DRG为抓手提升运营效率", "王海燕",
    { { "全院平均住院日由8.8天降至7.8天", "numeric", 8.8, 7.8, "天", "lower", 50, FALSE },
      { "全院CMI值由0.98提升至1.10", "numeric", 0.98, 1.10, NULL, "higher", 50, TRUE } },
    { PACE_ON_TRACK, PACE_BEHIND } },
  { 3, "建设一支能打硬仗的人才梯队", "周秀琴",
    { { "新增省级临床重点专科2个", "numeric", 0, 2, "个", "higher", 50, TRUE },
      { "每百名卫生技术人员科研项目经费达到60万元", "numeric", 42, 60, "万元", "higher", 50, FALSE } },
    { PACE_ON_TRACK, PACE_LOW } },
};

/* One objective per department for the current quarter, serving its first
 * battle; its key results follow in dept_krs.  `aim` names what a person's
 * objective aligned to that key result helps with. */
static const char * const dept_objectives[N_DEPTS] = {
  "打赢TAVR攻坚战，提升疑难危重症救治能力",
  "打造区域神经外科技术高地",
  "以机器人手术和ERAS提升关节外科效率",
  "建成运转高效的日间手术中心",
  "守住母婴安全底线，提升产科服务体验",
  "让哮喘患儿家庭少跑腿、少住院",
  "把急诊“黄金一小时”握在手里",
  "以MDT和日间化疗重塑肿瘤诊疗流程",
  "检验结果又快又准",
  "让影像检查不再排长队",
  "术中病理更快一步",
  "从“发药”走向“药学服务”",
  "让每一项战略任务都有人盯、有回音",
  "让绩效评价真正体现价值贡献",
  "新技术管得住、推得开",
  "优质护理有温度、专科护士有梯队",
  "算清每一个病组的账",
  "让数据为新技术和临床服务",
};

typedef struct { int dept; KrSpec kr; Pace pace; const char *aim; } DeptKrSpec;

static const DeptKrSpec dept_krs[] = {
  { D_XNK, { "开展4项标志性新技术", "numeric", 0, 4, "项", "higher", 40, TRUE }, PACE_ON_TRACK, "科室新技术落地" },
  { D_XNK, { "CMI值由0.95提升至1.15", "numeric", 0.95, 1.15, NULL, "higher", 30, TRUE }, PACE_BEHIND, "科室CMI值提升" },
  { D_XNK, { "平均住院日由9.0天降至7.0天", "numeric", 9.0, 7.0, "天", "lower", 30, FALSE }, PACE_ON_TRACK, "缩短科室平均住院日" },
  { D_SJWK, { "完成神经内镜颅底手术15例", "numeric", 0, 15, "例", "higher", 40, TRUE }, PACE_ON_TRACK, "神经内镜新技术推广" },
  { D_SJWK, { "四级手术占比由32%提升至40%", "percentage", 32, 40, "%", "higher", 30, FALSE }, PACE_ON_TRACK, "提升科室四级手术占比" },
  { D_SJWK, { "术后肺部感染率由6.5%降至4.0%", "percentage", 6.5, 4.0, "%", "lower", 30, FALSE }, PACE_LOW, "降低术后感染" },
  { D_GK, { "完成机器人辅助关节置换40例", "numeric", 0, 40, "例", "higher", 50, TRUE }, PACE_BEHIND, "机器人手术推广" },
  { D_GK, { "关节置换平均住院日由9.5天降至7.0天", "numeric", 9.5, 7.0, "天", "lower", 50, FALSE }, PACE_ON_TRACK, "关节置换加速康复" },
  { D_PWK, { "日间手术占择期手术比例由12%提升至25%", "percentage", 12, 25, "%", "higher", 40, TRUE }, PACE_ON_TRACK, "日间手术扩面" },
  { D_PWK, { "日间手术中心正式启用", "milestone", 0, 1, NULL, "higher", 30, FALSE }, PACE_ON_TRACK, "日间手术中心启用" },
  { D_PWK, { "完成腹腔镜胰十二指肠切除术10例", "numeric", 0, 10, "例", "higher", 30, TRUE }, PACE_STALE, "高难度腔镜手术开展" },
  { D_FCK, { "危重孕产妇救治成功率由96.5%提升至98%", "percentage", 96.5, 98, "%", "higher", 50, FALSE }, PACE_ON_TRACK, "母婴安全" },
  { D_FCK, { "产科住院患者满意度由93分提升至96分", "numeric", 93, 96, "分", "higher", 50, FALSE }, PACE_ON_TRACK, "产科服务体验提升" },
  { D_EK, { "哮喘规范化管理建档患儿300人", "numeric", 0, 300, "人", "higher", 50, FALSE }, PACE_ON_TRACK, "哮喘规范化管理" },
  { D_EK, { "儿科门诊预约就诊率由45%提升至70%", "percentage", 45, 70, "%", "higher", 50, FALSE }, PACE_BEHIND, "儿科预约诊疗" },
  { D_JZK, { "分诊至首诊时间由18分钟降至10分钟", "numeric", 18, 10, "分钟", "lower", 50, FALSE }, PACE_ON_TRACK, "缩短急诊等待" },
  { D_JZK, { "严重创伤抢救成功率由91%提升至95%", "percentage", 91, 95, "%", "higher", 50, TRUE }, PACE_ON_TRACK, "创伤救治能力提升" },
  { D_ZLK, { "新发恶性肿瘤患者MDT覆盖率由55%提升至80%", "percentage", 55, 80, "%", "higher", 40, TRUE }, PACE_ON_TRACK, "MDT全覆盖" },
  { D_ZLK, { "日间化疗占比由22%提升至40%", "percentage", 22, 40, "%", "higher", 30, FALSE }, PACE_BEHIND, "日间化疗推广" },
  { D_ZLK, { "平均住院日由8.2天降至6.5天", "numeric", 8.2, 6.5, "天", "lower", 30, FALSE }, PACE_ON_TRACK, "缩短科室平均住院日" },
  { D_JYK, { "诊断准确率由97.5%提升至99%", "percentage", 97.5, 99, "%", "higher", 50, FALSE }, PACE_ON_TRACK, "检验质量提升" },
  { D_JYK, { "危急值10分钟内通报率由92%提升至100%", "percentage", 92, 100, "%", "higher", 50, FALSE }, PACE_ON_TRACK, "危急值闭环管理" },
  { D_YXK, { "AI辅助阅片覆盖率由30%提升至100%", "percentage", 30, 100, "%", "higher", 50, TRUE }, PACE_ON_TRACK, "AI辅助阅片推广" },
  { D_YXK, { "CT、MRI预约等待时间由4.5天降至2天", "numeric", 4.5, 2, "天", "lower", 50, FALSE }, PACE_LOW, "缩短检查预约等待" },
  { D_BLK, { "术中冰冻30分钟出报告率由82%提升至95%", "percentage", 82, 95, "%", "higher", 60, FALSE }, PACE_ON_TRACK, "术中冰冻提速" },
  { D_BLK, { "分子病理检测平台通过省临检中心验收", "milestone", 0, 1, NULL, "higher", 40, FALSE }, PACE_STALE, "分子病理平台建设" },
  { D_YJK, { "处方审核率由85%提升至100%", "percentage", 85, 100, "%", "higher", 50, FALSE }, PACE_ON_TRACK, "处方前置审核" },
  { D_YJK, { "临床药师药学查房每月60次", "numeric", 20, 60, "次", "higher", 50, FALSE }, PACE_ON_TRACK, "临床药学服务" },
  { D_YB, { "横向协同需求按期办结率由70%提升至90%", "percentage", 70, 90, "%", "higher", 60, FALSE }, PACE_BEHIND, "协同需求按期办结" },
  { D_YB, { "周例会决议24小时内分派率达到100%", "percentage", 80, 100, "%", "higher", 40, FALSE }, PACE_ON_TRACK, "会议决议落地" },
  { D_RLZY, { "发布季度绩效评价方案", "milestone", 0, 1, NULL, "higher", 50, FALSE }, PACE_ON_TRACK, "绩效评价改革" },
  { D_RLZY, { "青年骨干导师配对40对", "numeric", 0, 40, "对", "higher", 50, FALSE }, PACE_ON_TRACK, "青年骨干培养" },
  { D_YWB, { "完成新技术准入评审12项", "numeric", 0, 12, "项", "higher", 50, FALSE }, PACE_ON_TRACK, "新技术准入管理" },
  { D_YWB, { "全院CMI值由0.98提升至1.10", "numeric", 0.98, 1.10, NULL, "higher", 50, TRUE }, PACE_BEHIND, "全院CMI提升" },
  { D_HLB, { "优质护理服务病房覆盖率由85%提升至100%", "percentage", 85, 100, "%", "higher", 50, FALSE }, PACE_ON_TRACK, "优质护理全覆盖" },
  { D_HLB, { "新增省级专科护士15名", "numeric", 0, 15, "名", "higher", 50, FALSE }, PACE_ON_TRACK, "专科护士培养" },
  { D_CWB, { "完成DRG病组成本核算100个", "numeric", 0, 100, "个", "higher", 50, FALSE }, PACE_ON_TRACK, "病种成本核算" },
  { D_CWB, { "预算执行偏差率由9%降至5%", "percentage", 9, 5, "%", "lower", 50, FALSE }, PACE_STALE, "全面预算管理" },
  { D_XXK, { "为新技术提供数据采集接口12个", "numeric", 0, 12, "个", "higher", 60, TRUE }, PACE_BEHIND, "新技术数据接口" },
  { D_XXK, { "提交电子病历五级评审材料", "milestone", 0, 1, NULL, "higher", 40, FALSE }, PACE_ON_TRACK, "电子病历评级" },
};

/* Personal key results by profession; a person takes two in a row. */
typedef enum { P_DOCTOR, P_NURSE, P_TECH, P_PHARMACIST, P_ENGINEER, P_OFFICE, N_PROFESSIONS } Profession;

static const KrSpec personal_krs[N_PROFESSIONS][6] = {
  [P_DOCTOR] = {
    { "主导完成三、四级手术或介入治疗20例", "numeric", 0, 20, "例", "higher" },
    { "完成疑难病例讨论并形成总结6例", "numeric", 0, 6, "例", "higher" },
    { "所管患者平均住院日降至7.5天", "numeric", 8.8, 7.5, "天", "lower" },
    { "发表相关高质量论文1篇", "milestone", 0, 1, NULL, "higher" },
    { "甲级病历率达到98%", "percentage", 92, 98, "%", "higher" },
    { "开展患者随访与健康宣教30人次", "numeric", 0, 30, "人次", "higher" } },
  [P_NURSE] = {
    { "出院患者电话随访率达到95%", "percentage", 75, 95, "%", "higher" },
    { "完成患者健康宣教40人次", "numeric", 0, 40, "人次", "higher" },
    { "压力性损伤发生率降至0.1%以下", "percentage", 0.3, 0.1, "%", "lower" },
    { "完成专科护士培训并取得证书", "milestone", 0, 1, NULL, "higher" },
    { "护理文书合格率达到98%", "percentage", 90, 98, "%", "higher" } },
  [P_TECH] = {
    { "报告按时发出率达到98%", "percentage", 90, 98, "%", "higher" },
    { "完成室内质控项目12项", "numeric", 0, 12, "项", "higher" },
    { "检查检验差错率降至0.05%以下", "percentage", 0.2, 0.05, "%", "lower" },
    { "完成新设备操作认证", "milestone", 0, 1, NULL, "higher" } },
  [P_PHARMACIST] = {
    { "完成处方前置审核3000张", "numeric", 0, 3000, "张", "higher" },
    { "参与临床药学查房20次", "numeric", 0, 20, "次", "higher" },
    { "撰写用药干预典型案例4篇", "numeric", 0, 4, "篇", "higher" } },
  [P_ENGINEER] = {
    { "完成新技术数据采集接口开发4个", "numeric", 0, 4, "个", "higher" },
    { "系统故障平均恢复时间由60分钟降至30分钟", "numeric", 60, 30, "分钟", "lower" },
    { "完成电子病历评级佐证材料整理", "milestone", 0, 1, NULL, "higher" } },
  [P_OFFICE] = {
    { "跟踪落实督办事项30件", "numeric", 0, 30, "件", "higher" },
    { "月度报表按时提交率达到100%", "percentage", 80, 100, "%", "higher" },
    { "完成一项业务流程优化方案", "milestone", 0, 1, NULL, "higher" },
    { "组织相关业务培训2次", "numeric", 0, 2, "次", "higher" } },
};

static const Pace person_paces[] = {
  PACE_ON_TRACK, PACE_ON_TRACK, PACE_BEHIND, PACE_ON_TRACK, PACE_ON_TRACK, PACE_STALE,
  PACE_ON_TRACK, PACE_LOW, PACE_ON_TRACK, PACE_BEHIND, PACE_ON_TRACK, PACE_ON_TRACK,
  PACE_NONE, PACE_ON_TRACK, PACE_STALE, PACE_ON_TRACK, PACE_BEHIND,
};

static const char * const notes_on_track[] = {
  "按计划推进，本周数据继续改善。", "本周完成既定任务，进度符合预期。",
  "与相关科室沟通顺畅，进展良好。", "阶段目标已完成，下周开始下一步工作。",
  "本周病例数略有增加，整体节奏平稳。", "已在科室晨会上分享做法，大家积极配合。",
};
static const char * const notes_behind[] = {
  "本周进展缓慢，低于预期节奏。", "受病例来源影响，数据提升不明显。",
  "前期准备耗时较长，实质推进刚刚开始。", "进度仍然偏慢，正在和科室一起分析原因。",
};
static const char * const notes_low[] = {
  "目标挑战较大，按目前节奏完成把握不足。", "外部条件变化，存在较大不确定性，需要调整打法。",
};
/* What is in the way, and the support that would clear it */
static const char * const blockers[][2] = {
  { "信息系统暂不支持自动统计，数据需手工汇总，耗时较多。", "需要信息科协助开发数据接口。" },
  { "相关设备尚未完成验收，无法按计划开展。", "希望院办协调设备科加快验收。" },
  { "科室人员轮转，人手紧张。", "需要护理部在人力上给予支持。" },
  { "跨科室会诊时间难以协调。", "希望医务部协调多学科会诊时间。" },
  { "患者对新项目认知不足，接受度不高。", "希望宣传科协助制作患者宣教材料。" },
  { "耗材收费编码尚未获批，影响手术排程。", "请财务部加快物价备案流程。" },
  { "床位周转紧张，择期患者排队较长。", "需要医务部协调全院床位统筹。" },
};

/* The collaboration board.  Days are relative to today. */
static const char * const board_columns[] = { "提出", "受理", "进行中", "待验收", "已完成" };
#define N_COLUMNS G_N_ELEMENTS (board_columns)

typedef struct {
  const char *title, *description;
  int from, to, kr;            /* kr: index among the requesting department's KRs, -1 none */
  int column, created, due;
  const char *priority;
  int assignee, creator;       /* members of the supporting / requesting department */
  int supervise;               /* supervision deadline, or NO_DAY */
  const char *supervision_note;
  int blocked_by;              /* index in this table, or -1 */
} CardSpec;

static const CardSpec cards[] = {
  { "为TAVR新技术开发手术数据采集接口", "TAVR术前评估、术中参数和术后30天随访需要结构化采集，请在手术麻醉系统中增加专用表单并对接临床数据中心。",
    D_XNK, D_XXK, 0, 2, 24, -3, "high", 2, 1, 2, "院办督办：请信息科在督办期限前提交接口测试版本，逾期在院周会通报。", -1 },
  { "TAVR术前CT三维重建支持", "每例TAVR术前需主动脉根部CT三维重建测量，请影像科安排固定技师和预约时段。",
    D_XNK, D_YXK, 0, 1, 6, 10, "high", 3, 0, NO_DAY, NULL, -1 },
  { "神经内镜器械包清洗消毒流程确认", "新购神经内镜器械需要消毒供应中心制定专用清洗灭菌流程。",
    D_SJWK, D_HLB, 0, 3, 20, 2, "normal", 1, 2, NO_DAY, NULL, -1 },
  { "机器人辅助关节置换收费项目物价备案", "机器人辅助手术收费项目尚未完成物价备案，患者无法正常结算，影响手术量。",
    D_GK, D_CWB, 0, 2, 30, -6, "urgent", 1, 0, 1, "院办督办：财务部与骨科当面对接，明确备案时间表。", -1 },
  { "手术排程系统增加机器人手术类别", "排程系统需区分机器人手术台次，以便统计和安排手术间。",
    D_GK, D_XXK, 0, 0, 8, 12, "normal", 3, 2, NO_DAY, NULL, 3 },
  { "日间手术预约平台上线", "日间手术需要独立的预约、术前评估和术后随访流程，请在互联网医院增加入口。",
    D_PWK, D_XXK, 0, 2, 18, 5, "urgent", 1, 1, NO_DAY, NULL, -1 },
  { "日间手术术前检验一站式采血", "日间手术患者术前检验希望当天出结果，请检验科开设绿色通道。",
    D_PWK, D_JYK, 0, 4, 40, -12, "normal", 1, 2, NO_DAY, NULL, -1 },
  { "危重孕产妇转运绿色通道联合演练", "与急诊科联合开展危重孕产妇院内转运演练，明确交接节点。",
    D_FCK, D_JZK, 0, 4, 35, -15, "high", 0, 0, NO_DAY, NULL, -1 },
  { "哮喘患儿随访数据统计报表", "需要按月统计哮喘建档患儿的随访次数和急诊复诊情况。",
    D_EK, D_XXK, 0, 0, 3, 14, "normal", 3, 1, NO_DAY, NULL, -1 },
  { "急诊分诊系统与HIS对接", "分诊结果自动写入HIS挂号信息，避免重复录入。",
    D_JZK, D_XXK, 0, 4, 60, -30, "high", 1, 1, NO_DAY, NULL, -1 },
  { "肿瘤MDT会诊室排班协调", "每周二、四下午需固定会诊室和影像、病理专家出席，请医务部统一排班。",
    D_ZLK, D_YWB, 0, 1, 12, -2, "high", 1, 1, NO_DAY, NULL, -1 },
  { "日间化疗药品集中配置", "日间化疗患者增多，请静配中心上午优先配置日间化疗药品。",
    D_ZLK, D_YJK, 1, 2, 10, 7, "normal", 1, 2, NO_DAY, NULL, -1 },
  { "术中冰冻标本转运时效改进", "手术室送检冰冻标本平均耗时12分钟，请护理部协调专人转运。",
    D_BLK, D_HLB, 0, 3, 16, -1, "high", 2, 1, 1, "院办督办：护理部明确手术室专人转运方案。", -1 },
  { "AI肺结节筛查结果推送至临床", "AI阅片发现的高危结节需自动推送给开单医生和呼吸科随访门诊。",
    D_YXK, D_XXK, 0, 2, 9, 20, "low", 2, 0, NO_DAY, NULL, -1 },
  { "临床药师参与查房排班", "请医务部将临床药师纳入各病区查房排班。",
    D_YJK, D_YWB, 1, 4, 50, -20, "normal", 0, 0, NO_DAY, NULL, -1 },
  { "新技术人员资质授权名单", "新技术准入后需人力资源部同步更新人员资质授权，便于手术分级管理。",
    D_YWB, D_RLZY, 0, 1, 5, 4, "normal", 1, 1, NO_DAY, NULL, -1 },
  { "季度绩效评价数据导出", "季度评价需要导出各科室OKR得分和指标数据，请信息科提供导出模板。",
    D_RLZY, D_XXK, 0, 0, 2, 21, "normal", 2, 1, NO_DAY, NULL, -1 },
  { "检验危急值短信自动推送", "危急值需同时短信推送至主管医生手机，实现闭环。",
    D_JYK, D_XXK, 1, 3, 22, 1, "high", 3, 1, NO_DAY, NULL, -1 },
};

typedef struct { int card, dept, member; const char *body; int days_ago; } CommentSpec;

static const CommentSpec comments[] = {
  { 0, D_XXK, 2, "接口字段已和心内科确认，正在开发术中参数部分。", 6 },
  { 0, D_XNK, 1, "下周一有两例TAVR，希望届时能用上新表单。", 4 },
  { 0, D_YB, 2, "已列入督办，请信息科周五前反馈进度。", 2 },
  { 3, D_CWB, 1, "备案材料已报物价部门，等待批复。", 7 },
  { 3, D_GK, 0, "已有6位患者因收费问题推迟手术，请尽快。", 3 },
  { 4, D_XXK, 3, "需等物价备案完成、收费编码确定后再开发。", 6 },
  { 5, D_XXK, 1, "预约页面已完成，正在联调术前评估问卷。", 5 },
  { 10, D_YWB, 1, "已与影像科、病理科初步沟通，下周给出排班表。", 1 },
  { 12, D_HLB, 2, "手术室已试行专人转运，请病理科统计本周时效。", 2 },
  { 17, D_XXK, 3, "短信网关已开通，待检验科验收。", 1 },
};

typedef struct { const char *title, *summary; int pillar, minutes; gboolean series; const char *skill; } CourseSpec;

static const CourseSpec courses[] = {
  { "第1讲 我们的战略是什么：三年规划全景解读", "医院为什么要建设区域医疗中心？四大战略支柱分别意味着什么？", -1, 25, TRUE, NULL },
  { "第2讲 顶尖技术突破：新技术新项目与我", "新技术从准入、开展到评估的全流程，以及每个岗位可以做的贡献。", 0, 20, TRUE, NULL },
  { "第3讲 卓越患者体验：从患者视角看流程", "跟随一位患者走完就诊全程，看看哪些环节可以更省心。", 1, 20, TRUE, "患者教育与健康宣教" },
  { "第4讲 高效运营体系：读懂DRG与CMI", "DRG付费下，病案首页、平均住院日和CMI与每位医务人员的关系。", 2, 30, TRUE, "DRG病组与病案首页质控" },
  { "第5讲 人才与学科建设：我的成长通道", "重点专科建设、导师制和战略微创新基金，为个人发展提供哪些机会。", 3, 20, TRUE, NULL },
  { "第6讲 从目标到行动：如何写好我的OKR", "怎样把科室KR转化为个人OKR，如何做每周进展更新。", -1, 25, TRUE, "项目管理" },
  { "DRG病案首页规范填写", "主要诊断选择和手术操作编码的常见错误与案例。", 2, 40, FALSE, "DRG病组与病案首页质控" },
  { "循证医学与临床科研设计", "从临床问题到研究方案：选题、设计、统计和伦理。", 3, 90, FALSE, "科研设计与统计分析" },
  { "患者教育与沟通技巧", "如何向患者和家属讲清楚新技术的获益与风险。", 1, 45, FALSE, "医患沟通" },
};

typedef struct { int course, dept; const char *role; } AudienceSpec;

static const AudienceSpec audiences[] = {
  { 0, -1, "staff" }, { 0, -1, "head" }, { 0, -1, "leadership" },
  { 1, D_XNK, NULL }, { 1, D_SJWK, NULL }, { 1, D_GK, NULL }, { 1, D_PWK, NULL }, { 1, D_ZLK, NULL }, { 1, D_YWB, NULL },
  { 2, -1, "staff" }, { 3, -1, "head" }, { 3, D_YWB, NULL }, { 3, D_CWB, NULL },
  { 4, -1, "staff" }, { 5, -1, "staff" }, { 5, -1, "head" },
  { 6, D_YWB, NULL }, { 7, -1, "staff" }, { 8, -1, "staff" },
};

typedef struct { const char *name, *category; } SkillSpec;

static const SkillSpec skills[] = {
  { "经导管心脏瓣膜介入技术", "临床技术" }, { "神经内镜操作", "临床技术" }, { "机器人辅助手术操作", "临床技术" },
  { "腹腔镜高级操作", "临床技术" }, { "危重孕产妇救治", "临床技术" }, { "儿童哮喘规范化管理", "临床技术" },
  { "严重创伤急救", "临床技术" }, { "肿瘤多学科诊疗", "临床技术" }, { "检验质量控制", "医技技术" },
  { "影像AI辅助诊断", "医技技术" }, { "分子病理检测", "医技技术" }, { "临床药学查房", "药学服务" },
  { "重症护理", "护理技术" }, { "患者教育与健康宣教", "沟通服务" }, { "医患沟通", "沟通服务" },
  { "科研设计与统计分析", "科研能力" }, { "DRG病组与病案首页质控", "运营管理" }, { "病种成本核算", "运营管理" },
  { "数据接口开发", "信息技术" }, { "数据分析与可视化", "信息技术" }, { "项目管理", "管理能力" },
  { "精益流程改进", "管理能力" },
};

/* battle is a slot (0/1) of the department's battles, kr an index among its KRs */
typedef struct { const char *skill; int dept, battle, kr, level; } SkillNeedSpec;

static const SkillNeedSpec skill_needs[] = {
  { "经导管心脏瓣膜介入技术", D_XNK, 0, -1, 4 }, { "科研设计与统计分析", D_XNK, 0, -1, 3 },
  { "患者教育与健康宣教", D_XNK, 0, -1, 3 }, { "神经内镜操作", D_SJWK, 0, -1, 4 },
  { "机器人辅助手术操作", D_GK, 0, -1, 4 }, { "腹腔镜高级操作", D_PWK, 1, -1, 5 },
  { "分子病理检测", D_BLK, 1, -1, 3 }, { "临床药学查房", D_YJK, 0, -1, 3 },
  { "DRG病组与病案首页质控", D_YWB, 1, -1, 4 }, { "数据接口开发", D_XXK, 0, -1, 4 },
  { "DRG病组与病案首页质控", D_XNK, -1, 1, 3 }, { "精益流程改进", D_PWK, -1, 0, 3 },
  { "肿瘤多学科诊疗", D_ZLK, -1, 0, 4 },
};

typedef struct { const char *mentor, *mentee, *skill; int days_ago; const char *status, *note; } MentorSpec;

static const MentorSpec mentorships[] = {
  { "张建华", "刘洋", "经导管心脏瓣膜介入技术", 60, "active", "每周跟台两次，术前共同阅片，年底前独立完成术前评估。" },
  { "胡军", "林雪", "机器人辅助手术操作", 45, "active", "先完成模拟训练20学时，再进入助手岗位。" },
  { "潘国庆", "范文", "科研设计与统计分析", 200, "completed", "已完成一项院级课题申报，结对按期结束。" },
  { "宋志远", "曹颖", "数据接口开发", 30, "active", "以TAVR数据接口为实战项目带教。" },
};

typedef struct { const char *person, *course; int due; gboolean done; } AssignSpec;

static const AssignSpec assignments[] = {
  { "刘洋", "循证医学与临床科研设计", 30, FALSE }, { "郑凯", "循证医学与临床科研设计", 30, TRUE },
  { "许婧", "循证医学与临床科研设计", 30, FALSE }, { "马骁", "DRG病案首页规范填写", -5, TRUE },
  { "唐芳", "DRG病案首页规范填写", 14, FALSE }, { "石磊", "DRG病案首页规范填写", 10, FALSE },
  { "杨帆", "患者教育与沟通技巧", 21, FALSE }, { "贾鹏", "患者教育与沟通技巧", -3, TRUE },
};

typedef struct { const char *item; double amount; } LineSpec;
typedef struct { const char *tier, *decision, *reason; int days_ago; } ApprovalSpec;

typedef struct {
  int dept, applicant, kr;
  const char *title, *problem, *plan;
  double amount;
  const char *state, *tier;
  int submitted, pilot_start, pilot_end;    /* days relative to today, or NO_DAY */
  const char *result;
  LineSpec lines[3];
  ApprovalSpec approvals[3];
} FundSpec;

static const FundSpec funds[] = {
  { D_XNK, 2, 0, "胸痛患者院前心电图远程传输试点", "院前急救车上的心电图无法实时传到导管室，延误术前准备。",
    "为两台急救车配置12导联心电图远程传输终端，导管室提前激活。", 8000, "draft", NULL,
    NO_DAY, NO_DAY, NO_DAY, NULL, { { "心电传输终端租用（3个月）", 6000 }, { "流量及平台服务费", 2000 } }, { { NULL } } },
  { D_GK, 2, 1, "关节置换术后康复视频宣教二维码", "出院患者康复动作不规范，再入院和门诊咨询较多。",
    "拍摄8段康复训练短视频，出院时发放二维码卡片。", 6500, "submitted", "head",
    3, NO_DAY, NO_DAY, NULL, { { "视频拍摄与剪辑", 5000 }, { "宣教卡片印制", 1500 } }, { { NULL } } },
  { D_PWK, 2, 0, "日间手术患者术前一站式准备包", "日间手术患者术前准备分散在多个窗口，爽约率高。",
    "设计术前准备包和一站式服务台，由专人电话提醒。", 35000, "submitted", "finance",
    8, NO_DAY, NO_DAY, NULL, { { "准备包物资", 18000 }, { "服务台改造", 12000 }, { "电话随访人力补贴", 5000 } },
    { { "head", "approved", "符合科室日间手术KR，同意。", 6 } } },
  { D_JZK, 1, 0, "急诊分诊AI预警模型试点", "高峰时段分诊护士难以及时识别潜在危重患者。",
    "与信息科合作，基于生命体征建立预警模型，在分诊台试运行3个月。", 150000, "submitted", "president",
    14, NO_DAY, NO_DAY, NULL, { { "模型开发与部署", 90000 }, { "分诊台终端", 40000 }, { "数据标注人力", 20000 } },
    { { "head", "approved", "对急诊质量提升意义重大。", 12 }, { "finance", "approved", "预算可在信息化专项中列支。", 5 } } },
  { D_FCK, 2, 1, "产科自助预约建档小程序", "孕妇建档需现场排队两次，满意度调查中投诉集中。",
    "在医院公众号上线预约建档功能，试点两个月。", 18000, "approved", NULL,
    20, 10, 70, NULL, { { "小程序开发", 15000 }, { "宣传物料", 3000 } },
    { { "head", "approved", "同意试点，请与信息科对接。", 16 } } },
  { D_YJK, 1, 0, "病区智能药柜采购", "病区备用药品管理靠手工登记，效期和账物不符问题时有发生。",
    "为6个病区采购智能药柜，实现指纹取药和自动补货。", 260000, "rejected", NULL,
    40, NO_DAY, NO_DAY, NULL, { { "智能药柜6台", 240000 }, { "安装与系统对接", 20000 } },
    { { "head", "approved", "同意上报。", 37 }, { "finance", "rejected", "金额超出微创新基金“小额试点”定位，建议纳入年度设备预算申报。", 30 } } },
  { D_ZLK, 2, 1, "肿瘤患者居家症状电子随访", "化疗间歇期患者的不良反应发现不及时，急诊返院多。",
    "患者每周在手机上填写症状量表，异常自动提醒责任护士。", 42000, "piloting", NULL,
    75, -60, 30, NULL, { { "随访平台年费", 30000 }, { "护士随访补贴", 12000 } },
    { { "head", "approved", "与科室MDT和日间化疗工作契合。", 72 }, { "finance", "approved", "同意，按季度报销。", 66 } } },
  { D_JYK, 1, 0, "检验标本闭环追踪扫码改造", "标本在运送环节偶有遗失，无法定位责任环节。",
    "在采集、运送、签收三个节点扫码，全程可追踪。", 15000, "reported", NULL,
    150, -130, -40, "试点3个月，标本遗失0例，平均周转时间缩短18分钟，已在全院推广。",
    { { "扫码枪20把", 9000 }, { "条码打印耗材", 6000 } }, { { "head", "approved", "同意。", 145 } } },
  { D_EK, 2, 1, "儿科雾化治疗预约叫号", "雾化室高峰时段拥挤，家长反复询问排队情况。",
    "雾化室接入叫号系统，家长扫码查看排队进度。", 9800, "piloting", NULL,
    35, -20, 40, NULL, { { "叫号屏及终端", 7800 }, { "安装调试", 2000 } },
    { { "head", "approved", "同意，先在门诊雾化室试点。", 32 } } },
  { D_YXK, 3, 1, "影像检查预约短信提醒", "患者忘记检查时间导致爽约，预约号源浪费。",
    "检查前一天短信提醒并支持回复改约。", 12000, "rejected", NULL,
    25, NO_DAY, NO_DAY, NULL, { { "短信平台费用", 8000 }, { "接口开发", 4000 } },
    { { "head", "rejected", "与信息科正在建设的统一预约平台功能重复，建议合并到平台需求中。", 22 } } },
};

/* The indicator library: the national tertiary public hospital indicators
 * (codes GK-nn, nn = the indicator's number) and the hospital's operational
 * indicators (codes YY-nn, in this order).  Units are given in Chinese. */
typedef struct { const char *dimension, *sub_dimension, *name, *direction, *unit; gboolean monitoring, uncertain; } NationalSpec;

static const NationalSpec national[] = {
  { "医疗质量", "功能定位", "门诊人次数与出院人次数比", "monitor", "比值", FALSE, FALSE },
  { "医疗质量", "功能定位", "下转患者人次数（门急诊、住院）", "higher", "人次", FALSE, FALSE },
  { "医疗质量", "功能定位", "日间手术占择期手术比例", "monitor", "%", FALSE, TRUE },
  { "医疗质量", "功能定位", "出院患者手术占比", "higher", "%", TRUE, FALSE },
  { "医疗质量", "功能定位", "出院患者微创手术占比", "higher", "%", TRUE, FALSE },
  { "医疗质量", "功能定位", "出院患者四级手术比例", "higher", "%", TRUE, FALSE },
  { "医疗质量", "功能定位", "特需医疗服务占比", "monitor", "%", FALSE, FALSE },
  { "医疗质量", "质量安全", "手术患者并发症发生率", "lower", "%", TRUE, FALSE },
  { "医疗质量", "质量安全", "Ⅰ类切口手术部位感染率", "lower", "%", TRUE, FALSE },
  { "医疗质量", "质量安全", "单病种质量控制", "monitor", "综合得分", TRUE, FALSE },
  { "医疗质量", "质量安全", "大型医用设备检查阳性率", "monitor", "%", FALSE, FALSE },
  { "医疗质量", "质量安全", "大型医用设备维修保养及质量控制管理", "qualitative", "等级", FALSE, TRUE },
  { "医疗质量", "质量安全", "通过国家室间质量评价的临床检验项目数", "higher", "项", TRUE, FALSE },
  { "医疗质量", "质量安全", "低风险组病例死亡率", "lower", "%", TRUE, FALSE },
  { "医疗质量", "质量安全", "优质护理服务病房覆盖率", "higher", "%", FALSE, FALSE },
  { "医疗质量", "合理用药", "点评处方占处方总数的比例", "higher", "%", FALSE, FALSE },
  { "医疗质量", "合理用药", "抗菌药物使用强度（DDDs）", "lower", "DDDs/百人天", TRUE, FALSE },
  { "医疗质量", "合理用药", "门诊患者基本药物处方占比", "higher", "%", FALSE, FALSE },
  { "医疗质量", "合理用药", "住院患者基本药物使用率", "higher", "%", FALSE, FALSE },
  { "医疗质量", "合理用药", "基本药物采购品种数占比", "higher", "%", FALSE, FALSE },
  { "医疗质量", "合理用药", "国家组织药品集中采购中标药品使用比例", "higher", "%", FALSE, FALSE },
  { "医疗质量", "服务流程", "门诊患者平均预约诊疗率", "higher", "%", FALSE, FALSE },
  { "医疗质量", "服务流程", "门诊患者预约后平均等待时间", "lower", "分钟", FALSE, FALSE },
  { "医疗质量", "服务流程", "电子病历应用功能水平分级", "higher", "级", TRUE, FALSE },
  { "运营效率", "资源效率", "每名执业医师日均住院工作负担", "monitor", "床日/医师·日", FALSE, FALSE },
  { "运营效率", "资源效率", "每百张病床药师人数", "monitor", "人/百床", FALSE, FALSE },
  { "运营效率", "收支结构", "门诊收入占医疗收入比例", "monitor", "%", FALSE, FALSE },
  { "运营效率", "收支结构", "门诊收入中来自医保基金的比例", "monitor", "%", FALSE, FALSE },
  { "运营效率", "收支结构", "住院收入占医疗收入比例", "monitor", "%", FALSE, FALSE },
  { "运营效率", "收支结构", "住院收入中来自医保基金的比例", "monitor", "%", FALSE, FALSE },
  { "运营效率", "收支结构", "医疗服务收入（不含药品、耗材、检查检验收入）占医疗收入比例", "higher", "%", TRUE, FALSE },
  { "运营效率", "收支结构", "辅助用药收入占比", "monitor", "%", FALSE, TRUE },
  { "运营效率", "收支结构", "人员支出占业务支出比重", "higher", "%", TRUE, FALSE },
  { "运营效率", "收支结构", "万元收入能耗支出", "lower", "元/万元", TRUE, FALSE },
  { "运营效率", "收支结构", "收支结余", "monitor", "元", TRUE, TRUE },
  { "运营效率", "收支结构", "资产负债率", "monitor", "%", TRUE, FALSE },
  { "运营效率", "费用控制", "医疗收入增幅", "monitor", "%", FALSE, FALSE },
  { "运营效率", "费用控制", "门诊次均费用增幅", "lower", "%", TRUE, FALSE },
  { "运营效率", "费用控制", "门诊次均药品费用增幅", "lower", "%", TRUE, FALSE },
  { "运营效率", "费用控制", "住院次均费用增幅", "lower", "%", TRUE, FALSE },
  { "运营效率", "费用控制", "住院次均药品费用增幅", "lower", "%", TRUE, FALSE },
  { "运营效率", "经济管理", "全面预算管理", "qualitative", "等级", FALSE, FALSE },
  { "运营效率", "经济管理", "规范设立总会计师", "qualitative", "是/否", FALSE, FALSE },
  { "持续发展", "人员结构", "卫生技术人员职称结构", "monitor", "%", FALSE, FALSE },
  { "持续发展", "人员结构", "麻醉、儿科、重症、病理、中医医师占比", "higher", "%", TRUE, FALSE },
  { "持续发展", "人员结构", "医护比", "monitor", "比值", TRUE, FALSE },
  { "持续发展", "人才培养", "医院接受其他医院（尤其是对口支援医院、医联体内医院）进修并返回原医院独立工作人数占比", "higher", "%", FALSE, FALSE },
  { "持续发展", "人才培养", "医院住院医师首次参加医师资格考试通过率", "higher", "%", TRUE, FALSE },
  { "持续发展", "人才培养", "医院承担培养医学人才的工作成效", "higher", "分", FALSE, TRUE },
  { "持续发展", "学科建设", "每百名卫生技术人员科研项目经费", "higher", "万元/百人", TRUE, FALSE },
  { "持续发展", "学科建设", "每百名卫生技术人员科研成果转化金额", "higher", "万元/百人", FALSE, FALSE },
  { "持续发展", "信用建设", "公共信用综合评价等级", "monitor", "等级", FALSE, FALSE },
  { "满意度评价", "患者满意度", "门诊患者满意度", "higher", "分", TRUE, FALSE },
  { "满意度评价", "患者满意度", "住院患者满意度", "higher", "分", TRUE, FALSE },
  { "满意度评价", "医务人员满意度", "医务人员满意度", "higher", "分", TRUE, FALSE },
  { "运营效率", "收支结构", "重点监控高值医用耗材收入占比", "monitor", "%", FALSE, TRUE },
};

typedef struct { const char *dimension, *sub_dimension, *name, *direction, *unit, *level, *definition; } OperationalSpec;

static const OperationalSpec operational[] = {
  { "运营效率", "资源效率", "平均住院日", "lower", "天", "hospital",
    "出院患者占用总床日数÷同期出院人数。参考：某区属医院经15年绩效改革，由2010年的19.07天降至2024年的7.02天；2024年全国平均8.6天。" },
  { "运营效率", "资源效率", "床位使用率", "monitor", "%", "hospital",
    "实际占用总床日数÷实际开放总床日数×100%。2024年全国为78.8%，医院通常设定合理区间，而非越高越好。" },
  { "运营效率", "资源效率", "床位周转次数", "higher", "次/年", "hospital",
    "出院人数÷平均开放床位数，按年折算。参考：某区属医院改革后病床周转率提高3倍。" },
  { "运营效率", "DRG效率", "病例组合指数（CMI）", "higher", NULL, "hospital",
    "反映收治病例的技术难度，DRG分组权重的平均值。示例KR：CMI值提升0.2。" },
  { "运营效率", "DRG效率", "费用消耗指数", "lower", NULL, "hospital", "同一DRG病组的费用与区域平均水平之比。" },
  { "运营效率", "DRG效率", "时间消耗指数", "lower", NULL, "hospital", "同一DRG病组的住院时间与区域平均水平之比。" },
  { "运营效率", "服务量", "门急诊人次", "monitor", "人次", "hospital", "参考：某区属医院年门急诊量40万人次。" },
  { "运营效率", "服务量", "出院人次", "monitor", "人次", "hospital", "统计期内出院患者人次。" },
  { "运营效率", "服务量", "手术台次", "higher", "台次", "hospital", "参考：某区属医院年手术量1.5万余例。" },
  { "运营效率", "费用控制", "门诊次均费用", "lower", "元", "hospital", "2024年全国医院门诊病人次均医药费用361.0元。" },
  { "运营效率", "费用控制", "住院次均费用", "lower", "元", "hospital", "2024年全国医院住院病人次均医药费用9870.0元。" },
  { "医疗质量", "质量安全", "诊断准确率", "higher", "%", "department", "示例KR：诊断准确率达到99%。" },
  { "满意度评价", "患者满意度", "患者满意度", "higher", "分", "hospital", "长期目标：患者满意度95分以上。" },
  { "医疗质量", "服务流程", "患者平均等待时间", "lower", "分钟", "hospital", "短期目标：患者等待时间减少30%。" },
  { "医疗质量", "合理用药", "药学查房次数", "higher", "次", "department", "药剂科绩效改革后纳入考核的药学服务指标。" },
  { "医疗质量", "合理用药", "处方审核率", "higher", "%", "department", "药剂科绩效改革后纳入考核的指标。" },
};

/* Twelve months of hospital-wide values, trending from first to last */
typedef struct { const char *name; double first, last, noise; int decimals; gboolean volume; } SeriesSpec;

static const SeriesSpec hospital_series[] = {
  { "平均住院日", 9.02, 7.98, 0.1, 2, FALSE },
  { "床位使用率", 91.5, 93.0, 1.2, 1, FALSE },
  { "床位周转次数", 37.5, 41.0, 0.8, 1, FALSE },
  { "病例组合指数（CMI）", 0.97, 1.03, 0.012, 2, FALSE },
  { "费用消耗指数", 1.04, 0.98, 0.015, 2, FALSE },
  { "时间消耗指数", 1.08, 1.00, 0.015, 2, FALSE },
  { "门急诊人次", 128000, 136000, 4000, 0, TRUE },
  { "出院人次", 6800, 7300, 200, 0, TRUE },
  { "手术台次", 2900, 3250, 100, 0, TRUE },
  { "门诊次均费用", 342, 335, 5, 1, FALSE },
  { "住院次均费用", 11850, 11420, 150, 0, FALSE },
  { "患者满意度", 92.3, 94.1, 0.4, 1, FALSE },
  { "患者平均等待时间", 29, 22, 1.2, 0, FALSE },
  { "门诊患者满意度", 90.5, 92.4, 0.4, 1, FALSE },
  { "住院患者满意度", 92.8, 94.3, 0.4, 1, FALSE },
  { "出院患者四级手术比例", 17.6, 21.2, 0.4, 1, FALSE },
  { "抗菌药物使用强度（DDDs）", 39.5, 36.8, 0.7, 1, FALSE },
  { "医疗服务收入（不含药品、耗材、检查检验收入）占医疗收入比例", 29.5, 31.2, 0.3, 1, FALSE },
};

typedef struct { int dept; double alos[2], cmi[2], occupancy, satisfaction, turnover; } DeptSeriesSpec;

static const DeptSeriesSpec dept_series[] = {
  { D_XNK, { 9.6, 8.6 }, { 0.93, 1.02 }, 96, 93.5, 39 },
  { D_SJWK, { 13.8, 12.6 }, { 1.85, 1.96 }, 98, 92.0, 26 },
  { D_GK, { 10.6, 8.9 }, { 1.18, 1.24 }, 94, 94.2, 33 },
  { D_PWK, { 8.7, 7.6 }, { 1.12, 1.20 }, 92, 93.8, 41 },
  { D_FCK, { 5.2, 4.7 }, { 0.62, 0.66 }, 82, 95.1, 66 },
  { D_EK, { 6.1, 5.6 }, { 0.55, 0.57 }, 88, 94.6, 55 },
  { D_JZK, { 5.8, 5.3 }, { 0.95, 0.98 }, 90, 91.2, 58 },
  { D_ZLK, { 8.9, 7.4 }, { 0.96, 1.04 }, 99, 93.0, 44 },
};

typedef struct { const char *name; double target; } TargetSpec;

static const TargetSpec hospital_targets[] = {
  { "平均住院日", 7.8 }, { "病例组合指数（CMI）", 1.10 }, { "床位周转次数", 42 }, { "患者满意度", 95 },
  { "住院患者满意度", 95 }, { "出院患者四级手术比例", 22 }, { "患者平均等待时间", 20 },
  { "抗菌药物使用强度（DDDs）", 36 },
};

typedef struct { const char *indicator; double weight; } SchemeItemSpec;

static const SchemeItemSpec scheme_items[] = {
  { "平均住院日", 0.3 }, { "病例组合指数（CMI）", 0.3 }, { "患者满意度", 0.2 }, { "出院患者四级手术比例", 0.2 },
};

/* The generator ------------------------------------------------------------- */

typedef struct {
  const char *id;
  double      current;
  int         confidence;
  const char *obstacles, *support;
} KrState;

typedef struct {
  ZxStore      *store;
  GRand        *rand;
  GStringChunk *chunk;
  GHashTable   *scopes;    /* id → scope */
  GHashTable   *serials;   /* entity name → last serial */
  GHashTable   *indicators; /* name → id */
  GError       *error;

  GDate today, year_start, year_end, quarter_start, quarter_end;
  int   year, quarter;
  GDate mondays[MAX_WEEKS];
  guint n_mondays;
  const char *stamp;

  const char *pillar[N_PILLARS];
  const char *dept[N_DEPTS];
  const char *staff[N_STAFF];
  const char *battle[G_N_ELEMENTS (battles)];
  const char *year_cycle, *quarter_cycle;
  const char *hospital_objective[N_PILLARS];
  KrState     hospital_kr[G_N_ELEMENTS (hospital_okrs)][2];
  const char *dept_objective[N_DEPTS];
  KrState     dept_kr[G_N_ELEMENTS (dept_krs)];
  const char *card[G_N_ELEMENTS (cards)];
  const char *column[N_COLUMNS];
  const char *course[G_N_ELEMENTS (courses)];
  const char *skill[G_N_ELEMENTS (skills)];
} Demo;

static const char *
str (Demo       *d,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static const char *
str (Demo       *d,
     const char *format,
     ...)
{
  g_autofree char *s = NULL;
  va_list args;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  return g_string_chunk_insert_const (d->chunk, s);
}

static double
rnd (Demo *d)
{
  return g_rand_double (d->rand);
}

static int
rnd_int (Demo *d,
         int   lo,
         int   hi)
{
  return g_rand_int_range (d->rand, lo, hi + 1);
}

static const char *
pick (Demo               *d,
      const char * const *pool,
      guint               n)
{
  return pool[g_rand_int_range (d->rand, 0, n)];
}
#define PICK(d, pool) pick ((d), (pool), G_N_ELEMENTS (pool))

static GDate
shift (const GDate *date,
       int          days)
{
  GDate r = *date;

  if (days > 0)
    g_date_add_days (&r, days);
  else if (days < 0)
    g_date_subtract_days (&r, -days);
  return r;
}

static const char *
date_str (Demo        *d,
          const GDate *date)
{
  return str (d, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* today + @days */
static const char *
day (Demo *d,
     int   days)
{
  GDate date = shift (&d->today, days);

  return date_str (d, &date);
}

/* A UTC stamp on today + @days, in office hours in China (before 10:00Z) */
static const char *
at (Demo *d,
    int   days,
    int   hour,
    int   minute)
{
  GDate date = shift (&d->today, days);

  return str (d, "%sT%02d:%02d:00Z", date_str (d, &date), CLAMP (hour, 0, 9), minute);
}

static const char *
rank_of (Demo *d,
         guint i,
         guint n)
{
  g_auto(GStrv) keys = zx_rank_spread (n);

  return g_string_chunk_insert_const (d->chunk, keys[i]);
}

/* A stable UUID-shaped id: SHA-1 of "zhixing-demo/<entity>/<serial>", laid
 * out 8-4-4-4-12 with the version and variant bits of a name-based UUID. */
static const char *
new_id (Demo       *d,
        const char *entity)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (d->serials, entity)) + 1;
  g_autofree char *name = g_strdup_printf ("zhixing-demo/%s/%u", entity, n);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  g_hash_table_insert (d->serials, (gpointer) entity, GUINT_TO_POINTER (n));
  return str (d, "%.8s-%.4s-5%.3s-%c%.3s-%.12s", sum, sum + 8, sum + 13,
              "89ab"[g_ascii_xdigit_value (sum[16]) & 3], sum + 17, sum + 20);
}

static void
set_s (JsonObject *o,
       const char *name,
       const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
}

static void
set_i (JsonObject *o,
       const char *name,
       gint64      value)
{
  json_object_set_int_member (o, name, value);
}

static void
set_r (JsonObject *o,
       const char *name,
       double      value)
{
  json_object_set_double_member (o, name, value);
}

static void
set_b (JsonObject *o,
       const char *name,
       gboolean    value)
{
  json_object_set_boolean_member (o, name, value);
}

/* Writes @o (consumed) as a row of @entity, with @id or a new one; returns
 * the id, or NULL once anything has failed (then every later put is a no-op). */
static const char *
put (Demo       *d,
     const char *entity_name,
     const char *id,
     JsonObject *o)
{
  const ZxEntity *entity = zx_schema_lookup (entity_name);
  const char *scope = ZX_SCOPE_ALL;
  const char *parent;

  g_assert (entity != NULL);

  if (d->error != NULL)
    {
      json_object_unref (o);
      return NULL;
    }

  if (id == NULL)
    id = new_id (d, entity_name);
  set_s (o, ZX_COLUMN_ID, id);

  switch (entity->scope_rule)
    {
    case ZX_SCOPE_SELF:
      scope = id;
      break;
    case ZX_SCOPE_FIELD:
      scope = json_object_get_string_member_with_default (o, entity->scope_field, ZX_SCOPE_ALL);
      break;
    case ZX_SCOPE_PARENT:
      parent = json_object_get_string_member_with_default (o, entity->scope_field, NULL);
      scope = parent ? g_hash_table_lookup (d->scopes, parent) : ZX_SCOPE_ALL;
      g_assert (scope != NULL);
      break;
    case ZX_SCOPE_HOSPITAL:
    default:
      break;
    }
  scope = g_string_chunk_insert_const (d->chunk, scope);

  set_i (o, ZX_COLUMN_VERSION, 0);
  set_s (o, ZX_COLUMN_UPDATED_AT, d->stamp);
  set_s (o, ZX_COLUMN_UPDATED_BY, "demo");
  set_b (o, ZX_COLUMN_DELETED, FALSE);
  set_s (o, ZX_COLUMN_SCOPE, scope);

  if (!zx_store_insert_row (d->store, entity, o, &d->error))
    {
      g_prefix_error (&d->error, "%s: ", entity_name);
      json_object_unref (o);
      return NULL;
    }

  g_hash_table_insert (d->scopes, (gpointer) id, (gpointer) scope);
  json_object_unref (o);
  return id;
}

static int
staff_index (const char *name)
{
  for (guint i = 0; i < N_STAFF; i++)
    if (g_str_equal (staff_specs[i].name, name))
      return i;
  g_assert_not_reached ();
  return 0;
}

static const char *
person (Demo       *d,
        const char *name)
{
  return d->staff[staff_index (name)];
}

/* The @k-th person listed in @dept (0 is the head), wrapping around */
static const char *
member (Demo *d,
        int   dept,
        int   k)
{
  guint n = 0, seen = 0;

  for (guint i = 0; i < N_STAFF; i++)
    n += staff_specs[i].dept == dept;
  k %= n;
  for (guint i = 0; i < N_STAFF; i++)
    if (staff_specs[i].dept == dept && seen++ == (guint) k)
      return d->staff[i];
  g_assert_not_reached ();
  return 0;
}

static int
skill_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (skills); i++)
    if (g_str_equal (skills[i].name, name))
      return i;
  g_assert_not_reached ();
  return 0;
}

/* The index of @dept's first battle or key result in its table */
static int
first_battle (int dept)
{
  for (guint i = 0; i < G_N_ELEMENTS (battles); i++)
    if (battles[i].dept == dept)
      return i;
  g_assert_not_reached ();
  return 0;
}

static int
first_dept_kr (int  dept,
               int *out_n)
{
  int first = -1, n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (dept_krs); i++)
    if (dept_krs[i].dept == dept)
      {
        if (first < 0)
          first = i;
        n++;
      }
  if (out_n)
    *out_n = n;
  g_assert (first >= 0);
  return first;
}

/* Key results and check-ins ------------------------------------------------- */

static const char * const count_units[] = { "例", "项", "个", "人", "人次", "次", "篇", "张", "件", "名", "对" };

static int
decimals_of (const KrSpec *kr)
{
  if (g_str_equal (kr->kind, "milestone"))
    return 0;
  for (guint i = 0; kr->unit != NULL && i < G_N_ELEMENTS (count_units); i++)
    if (g_str_equal (kr->unit, count_units[i]))
      return 0;
  return fabs (kr->target - kr->start) < 1 ? 2 : 1;
}

static double
round_to (double v,
          int    decimals)
{
  double f = pow (10, decimals);

  return round (v * f) / f;
}

/* Writes a key result and its weekly check-ins for the Mondays of the
 * current quarter: progress runs at @pace of the expected rate through
 * [@from, @to]; a stale one stops more than two weeks ago. */
static void
put_key_result (Demo         *d,
                KrState      *state,
                const char   *objective,
                const KrSpec *spec,
                double        weight,
                gboolean      challenge,
                const char   *owner,
                const GDate  *from,
                const GDate  *to,
                Pace          pace,
                guint         rank,
                guint         n_ranks)
{
  gboolean milestone = g_str_equal (spec->kind, "milestone");
  double start = milestone ? 0 : spec->start, target = milestone ? 1 : spec->target;
  double rate, progress = 0, value[MAX_WEEKS];
  int base_conf, conf[MAX_WEEKS], decimals = decimals_of (spec), blocker;
  const char *created[MAX_WEEKS], *note[MAX_WEEKS], *obst[MAX_WEEKS], *help[MAX_WEEKS];
  gboolean done = FALSE;
  guint n = 0;
  JsonObject *o;

  switch (pace)
    {
    case PACE_BEHIND: rate = 0.35 + 0.25 * rnd (d); base_conf = 5; break;
    case PACE_STALE: rate = 0.5 + 0.4 * rnd (d); base_conf = 6; break;
    case PACE_LOW: rate = 0.6 + 0.2 * rnd (d); base_conf = 3; break;
    case PACE_NONE: rate = 0; base_conf = 5; break;
    case PACE_ON_TRACK:
    default: rate = 0.9 + 0.25 * rnd (d); base_conf = 8; break;
    }
  blocker = rnd_int (d, 0, G_N_ELEMENTS (blockers) - 1);

  for (guint w = 0; pace != PACE_NONE && w < d->n_mondays; w++)
    {
      GDate when = shift (&d->mondays[w], 4);
      double expected, jitter;
      int hour, minute;

      if (g_date_compare (&when, &d->today) > 0)
        when = d->today;
      if (pace == PACE_STALE &&
          g_date_days_between (&d->mondays[w], &d->today) < 21)
        break;

      expected = (double) g_date_days_between (from, &when) / MAX (1, g_date_days_between (from, to));
      jitter = (rnd (d) - 0.4) * 0.05;
      progress = CLAMP (MAX (progress, expected * rate + jitter), 0, 1);
      if (milestone)
        {
          done = done || (pace == PACE_ON_TRACK && progress >= 0.5);
          value[n] = done ? 1 : 0;
        }
      else
        value[n] = round_to (start + (target - start) * progress, decimals);

      /* one draw per statement: argument order is unspecified in C */
      conf[n] = base_conf + rnd_int (d, -1, 1);
      conf[n] = CLAMP (conf[n], 1, 10);
      hour = rnd_int (d, 1, 9);
      minute = rnd_int (d, 0, 59);
      created[n] = str (d, "%sT%02d:%02d:00Z", date_str (d, &when), hour, minute);
      obst[n] = help[n] = NULL;
      switch (pace)
        {
        case PACE_BEHIND:
        case PACE_LOW:
          note[n] = pace == PACE_LOW ? PICK (d, notes_low) : PICK (d, notes_behind);
          obst[n] = blockers[blocker][0];
          help[n] = blockers[blocker][1];
          break;
        default:
          note[n] = PICK (d, notes_on_track);
          break;
        }
      n++;
    }

  state->current = n > 0 ? value[n - 1] : start;
  state->confidence = n > 0 ? conf[n - 1] : 0;
  state->obstacles = n > 0 ? obst[n - 1] : NULL;
  state->support = n > 0 ? help[n - 1] : NULL;

  o = json_object_new ();
  set_s (o, "objective_id", objective);
  set_s (o, "title", spec->title);
  set_s (o, "kind", spec->kind);
  set_r (o, "start_value", start);
  set_r (o, "target_value", target);
  set_r (o, "current_value", state->current);
  set_s (o, "unit", milestone ? NULL : spec->unit);
  set_s (o, "direction", spec->direction);
  set_r (o, "weight", weight);
  set_s (o, "owner_id", owner);
  set_s (o, "due_date", date_str (d, to));
  set_b (o, "challenge", challenge);
  if (n > 0)
    set_i (o, "confidence", state->confidence);
  set_s (o, "rank", rank_of (d, rank, n_ranks));
  state->id = put (d, "key_result", NULL, o);

  for (guint i = 0; i < n; i++)
    {
      o = json_object_new ();
      set_s (o, "key_result_id", state->id);
      set_s (o, "week", date_str (d, &d->mondays[i]));
      set_r (o, "value", value[i]);
      set_b (o, "milestone_done", milestone && value[i] >= 1);
      set_i (o, "confidence", conf[i]);
      set_s (o, "note", note[i]);
      set_s (o, "obstacles", obst[i]);
      set_s (o, "support_needed", help[i]);
      set_s (o, "author_id", owner);
      set_s (o, "created_at", created[i]);
      put (d, "check_in", NULL, o);
    }
}

/* Sections ------------------------------------------------------------------- */

static void
put_organisation (Demo *d)
{
  JsonObject *o;

  o = json_object_new ();
  set_s (o, "name", "江城市第一人民医院");
  set_s (o, "short_name", "江城一院");
  set_s (o, "grade", "三级甲等");
  set_s (o, "region", "江城市");
  put (d, "hospital", NULL, o);

  /* Departments point at their heads and staff at their departments:
   * make the department ids first (references are checked at commit). */
  for (guint i = 0; i < N_DEPTS; i++)
    d->dept[i] = new_id (d, "department");

  for (guint i = 0; i < N_STAFF; i++)
    {
      const StaffSpec *s = &staff_specs[i];

      o = json_object_new ();
      set_s (o, "name", s->name);
      set_s (o, "employee_no", str (d, "%05u", 10001 + i * 3));
      set_s (o, "title", s->title);
      set_s (o, "department_id", d->dept[s->dept]);
      set_s (o, "role", s->role);
      set_b (o, "key_person", s->key);
      if (s->post != NULL)
        set_s (o, "post", s->post);
      else if (g_str_equal (s->role, "head"))
        set_s (o, "post", !g_str_equal (depts[s->dept].kind, "functional") ? "科主任"
                          : g_str_has_suffix (depts[s->dept].name, "部") ? "部长"
                          : g_str_has_suffix (depts[s->dept].name, "科") ? "科长"
                          : "主任");
      set_s (o, "phone", str (d, "%04u", 6101 + i));
      d->staff[i] = put (d, "staff", NULL, o);
    }

  for (guint i = 0; i < N_DEPTS; i++)
    {
      o = json_object_new ();
      set_s (o, "name", depts[i].name);
      set_s (o, "code", depts[i].code);
      set_s (o, "kind", depts[i].kind);
      set_s (o, "head_id", member (d, i, 0));
      if (depts[i].beds > 0)
        set_i (o, "beds", depts[i].beds);
      set_s (o, "rank", rank_of (d, i, N_DEPTS));
      put (d, "department", d->dept[i], o);
    }
}

static void
put_strategy (Demo *d)
{
  JsonObject *o;
  const char *plan;

  o = json_object_new ();
  set_s (o, "name", str (d, "%d—%d年发展规划", d->year - 1, d->year + 1));
  set_i (o, "start_year", d->year - 1);
  set_i (o, "end_year", d->year + 1);
  set_s (o, "goal", "建设区域医疗中心");
  set_s (o, "description", "以建设区域医疗中心为目标，围绕四大战略支柱，把医院战略解码为科室作战地图和全员OKR，"
                           "让战略从会议室走向病房。");
  plan = put (d, "plan", NULL, o);

  for (guint p = 0; p < N_PILLARS; p++)
    {
      guint n = 0;

      o = json_object_new ();
      set_s (o, "plan_id", plan);
      set_s (o, "name", pillars[p].name);
      set_s (o, "description", pillars[p].description);
      set_s (o, "rank", rank_of (d, p, N_PILLARS));
      d->pillar[p] = put (d, "pillar", NULL, o);

      while (n < G_N_ELEMENTS (pillars[p].factors) && pillars[p].factors[n] != NULL)
        n++;
      for (guint f = 0; f < n; f++)
        {
          o = json_object_new ();
          set_s (o, "pillar_id", d->pillar[p]);
          set_s (o, "name", pillars[p].factors[f]);
          set_s (o, "rank", rank_of (d, f, n));
          put (d, "success_factor", NULL, o);
        }
    }

  for (guint b = 0; b < G_N_ELEMENTS (battles); b++)
    {
      const BattleSpec *s = &battles[b];

      o = json_object_new ();
      set_s (o, "department_id", d->dept[s->dept]);
      set_s (o, "pillar_id", d->pillar[s->pillar]);
      set_s (o, "name", s->name);
      set_s (o, "target", s->target);
      set_s (o, "owner_id", member (d, s->dept, s->owner));
      set_s (o, "deadline", str (d, "%d-%s", d->year, s->deadline));
      set_s (o, "status", s->status);
      set_s (o, "rank", rank_of (d, b - first_battle (s->dept), 2));
      d->battle[b] = put (d, "battle", NULL, o);
    }

  /* The pledges signed at the spring rally; two heads have not signed yet */
  for (guint i = 0; i < N_DEPTS; i++)
    {
      int b = first_battle (i);
      GDate rally;
      gboolean signed_ = i != D_EK && i != D_CWB;

      g_date_set_dmy (&rally, 26, G_DATE_FEBRUARY, d->year);
      if (g_date_compare (&rally, &d->today) > 0)
        rally = d->today;

      o = json_object_new ();
      set_s (o, "department_id", d->dept[i]);
      set_i (o, "year", d->year);
      set_s (o, "head_id", member (d, i, 0));
      set_s (o, "commitment", str (d, "%s郑重承诺：%d年全力打赢“%s”“%s”两场战役，目标明确、责任到人、按月复盘；"
                                   "如未完成，愿接受医院考核。", depts[i].name, d->year,
                                   battles[b].name, battles[b + 1].name));
      if (signed_)
        {
          set_s (o, "signed_at", str (d, "%sT02:00:00Z", date_str (d, &rally)));
          set_s (o, "signed_by", member (d, i, 0));
        }
      set_s (o, "witness", "院长 林振华");
      put (d, "pledge", NULL, o);
    }
}

static void
put_cycles (Demo *d)
{
  JsonObject *o;

  o = json_object_new ();
  set_s (o, "name", str (d, "%d", d->year));
  set_s (o, "kind", "year");
  set_s (o, "start_date", date_str (d, &d->year_start));
  set_s (o, "end_date", date_str (d, &d->year_end));
  d->year_cycle = put (d, "cycle", NULL, o);

  for (int q = 1; q <= 4; q++)
    {
      GDate start, end;
      const char *id;

      g_date_set_dmy (&start, 1, 3 * q - 2, d->year);
      g_date_set_dmy (&end, g_date_get_days_in_month (3 * q, d->year), 3 * q, d->year);
      o = json_object_new ();
      set_s (o, "name", str (d, "%d-Q%d", d->year, q));
      set_s (o, "kind", "quarter");
      set_s (o, "parent_id", d->year_cycle);
      set_s (o, "start_date", date_str (d, &start));
      set_s (o, "end_date", date_str (d, &end));
      id = put (d, "cycle", NULL, o);
      if (q == d->quarter)
        d->quarter_cycle = id;
    }
}

static Profession
profession_of (const StaffSpec *s)
{
  const char *title = s->title;

  if (strstr (title, "工程师"))
    return P_ENGINEER;
  if (g_str_equal (depts[s->dept].kind, "functional"))
    return P_OFFICE;
  if (strstr (title, "医师"))
    return P_DOCTOR;
  if (strstr (title, "护"))
    return P_NURSE;
  if (strstr (title, "技师"))
    return P_TECH;
  if (strstr (title, "药师"))
    return P_PHARMACIST;
  return P_OFFICE;
}

static void
put_okrs (Demo *d)
{
  JsonObject *o;
  guint persons = 0;

  for (guint h = 0; h < G_N_ELEMENTS (hospital_okrs); h++)
    {
      const HospitalOkrSpec *s = &hospital_okrs[h];

      o = json_object_new ();
      set_s (o, "cycle_id", d->year_cycle);
      set_s (o, "level", "hospital");
      set_s (o, "title", s->title);
      set_s (o, "owner_id", person (d, s->owner));
      set_s (o, "pillar_id", d->pillar[s->pillar]);
      set_s (o, "status", "active");
      set_s (o, "rank", rank_of (d, h, G_N_ELEMENTS (hospital_okrs)));
      d->hospital_objective[s->pillar] = put (d, "objective", NULL, o);

      for (guint k = 0; k < 2; k++)
        put_key_result (d, &d->hospital_kr[h][k], d->hospital_objective[s->pillar], &s->krs[k],
                        s->krs[k].weight, s->krs[k].challenge, person (d, s->owner),
                        &d->year_start, &d->year_end, s->paces[k], k, 2);
    }

  for (guint i = 0; i < N_DEPTS; i++)
    {
      int b = first_battle (i), n_krs, first = first_dept_kr (i, &n_krs);

      o = json_object_new ();
      set_s (o, "cycle_id", d->quarter_cycle);
      set_s (o, "level", "department");
      set_s (o, "title", dept_objectives[i]);
      set_s (o, "owner_id", member (d, i, 0));
      set_s (o, "department_id", d->dept[i]);
      set_s (o, "pillar_id", d->pillar[battles[b].pillar]);
      set_s (o, "battle_id", d->battle[b]);
      set_s (o, "parent_objective_id", d->hospital_objective[battles[b].pillar]);
      set_s (o, "status", "active");
      set_s (o, "rank", rank_of (d, 0, 1));
      d->dept_objective[i] = put (d, "objective", NULL, o);

      for (int k = 0; k < n_krs; k++)
        {
          const DeptKrSpec *s = &dept_krs[first + k];

          put_key_result (d, &d->dept_kr[first + k], d->dept_objective[i], &s->kr, s->kr.weight,
                          s->kr.challenge, member (d, i, k == 1 ? 1 : 0),
                          &d->quarter_start, &d->quarter_end, s->pace, k, n_krs);
        }
    }

  /* Everyone but leadership and heads aligns a personal objective to one of
   * the department's key results, with two key results of their own. */
  for (guint i = 0; i < N_STAFF; i++)
    {
      const StaffSpec *s = &staff_specs[i];
      Profession prof = profession_of (s);
      const KrSpec *pool = personal_krs[prof];
      guint pool_n = 0;
      int n_krs, first = first_dept_kr (s->dept, &n_krs), k;
      const char *objective;
      Pace pace;

      if (!g_str_equal (s->role, "staff") && !g_str_equal (s->role, "office") &&
          !g_str_equal (s->role, "hr") && !g_str_equal (s->role, "admin"))
        continue;

      while (pool_n < 6 && pool[pool_n].title != NULL)
        pool_n++;
      k = first + (persons % n_krs);
      pace = person_paces[persons % G_N_ELEMENTS (person_paces)];

      o = json_object_new ();
      set_s (o, "cycle_id", d->quarter_cycle);
      set_s (o, "level", "personal");
      set_s (o, "title", str (d, "助力%s", dept_krs[k].aim));
      set_s (o, "owner_id", d->staff[i]);
      set_s (o, "department_id", d->dept[s->dept]);
      set_s (o, "pillar_id", d->pillar[battles[first_battle (s->dept)].pillar]);
      set_s (o, "parent_objective_id", d->dept_objective[s->dept]);
      set_s (o, "parent_key_result_id", d->dept_kr[k].id);
      set_s (o, "status", "active");
      set_s (o, "rank", rank_of (d, 0, 1));
      objective = put (d, "objective", NULL, o);

      for (guint j = 0; j < 2; j++)
        {
          KrState state;

          put_key_result (d, &state, objective, &pool[(i + j) % pool_n], j == 0 ? 60 : 40,
                          s->key && j == 0, d->staff[i], &d->quarter_start, &d->quarter_end,
                          pace, j, 2);
        }
      persons++;
    }
}

static const char *
kr_status_text (Demo         *d,
                const KrSpec *spec,
                KrState      *state)
{
  if (state->confidence == 0)
    return "本周期尚无进展更新。";
  if (g_str_equal (spec->kind, "milestone"))
    return str (d, "%s，信心指数%d/10。", state->current >= 1 ? "已完成" : "尚未完成", state->confidence);
  return str (d, "当前%.*f%s，目标%.*f%s，信心指数%d/10。",
              decimals_of (spec), state->current, spec->unit ? spec->unit : "",
              decimals_of (spec), spec->target, spec->unit ? spec->unit : "", state->confidence);
}

typedef struct { const char *content, *owner; int deadline, kr; const char *status; } DecisionSpec;

static void
put_meeting (Demo               *d,
             int                 dept,       /* -1: hospital-wide */
             int                 days_ago,
             const char         *title,
             const char         *kind,
             const char         *notes,
             const DecisionSpec *decisions,
             guint               n_decisions)
{
  JsonObject *o = json_object_new ();
  const char *meeting;
  int n_krs = 0, first = dept >= 0 ? first_dept_kr (dept, &n_krs) : 0;

  set_s (o, "department_id", dept >= 0 ? d->dept[dept] : NULL);
  set_s (o, "cycle_id", d->quarter_cycle);
  set_s (o, "held_on", day (d, -days_ago));
  set_s (o, "title", title);
  set_s (o, "kind", kind);
  set_s (o, "notes", notes);
  meeting = put (d, "meeting", NULL, o);

  if (dept < 0)
    n_krs = 2 * G_N_ELEMENTS (hospital_okrs);
  for (int k = 0; k < n_krs; k++)
    {
      const KrSpec *spec = dept >= 0 ? &dept_krs[first + k].kr : &hospital_okrs[k / 2].krs[k % 2];
      KrState *state = dept >= 0 ? &d->dept_kr[first + k] : &d->hospital_kr[k / 2][k % 2];

      o = json_object_new ();
      set_s (o, "meeting_id", meeting);
      set_s (o, "key_result_id", state->id);
      set_s (o, "progress", kr_status_text (d, spec, state));
      set_s (o, "obstacles", state->obstacles);
      set_s (o, "support_needed", state->support);
      set_s (o, "rank", rank_of (d, k, n_krs));
      put (d, "meeting_item", NULL, o);
    }

  for (guint i = 0; i < n_decisions; i++)
    {
      const DecisionSpec *s = &decisions[i];
      KrState *state = dept >= 0 ? &d->dept_kr[first + s->kr] : &d->hospital_kr[s->kr / 2][s->kr % 2];

      o = json_object_new ();
      set_s (o, "meeting_id", meeting);
      set_s (o, "content", s->content);
      set_s (o, "owner_id", s->owner ? person (d, s->owner) : NULL);
      set_s (o, "deadline", day (d, s->deadline));
      set_s (o, "status", s->status);
      set_s (o, "key_result_id", state->id);
      set_s (o, "created_at", at (d, -days_ago, 3, 30 + i));
      put (d, "decision", NULL, o);
    }
}

static void
put_meetings (Demo *d)
{
  static const DecisionSpec cardiology[] = {
    { "由李明牵头梳理TAVR术前评估流程，下周例会汇报。", "李明", 7, 0, "open" },
    { "TAVR数据采集接口已在横向协同看板提出，请院办督办。", "张建华", 5, 0, "open" },
    { "科室内部组织一次DRG病案首页填写培训。", NULL, 14, 1, "open" },
  };
  static const DecisionSpec orthopaedics[] = {
    { "机器人手术物价备案由胡军与财务部当面对接。", "胡军", -2, 0, "done" },
    { "郭晓峰负责统计ERAS路径执行率，每周五报送。", "郭晓峰", 10, 1, "open" },
  };
  static const DecisionSpec hospital[] = {
    { "医务部牵头制定CMI提升专项方案，月底前提交院长办公会。", "高建国", 12, 5, "open" },
    { "逾期超过3天的横向协同需求一律纳入院办督办。", "赵文博", -5, 5, "done" },
  };
  int since_monday = g_date_get_weekday (&d->today) - G_DATE_MONDAY;

  put_meeting (d, D_XNK, since_monday, "心血管内科OKR周例会", "weekly_review",
               "围绕“进展如何、遇到什么困难、需要什么支持”逐项复盘科室KR。TAVR进展顺利，CMI提升偏慢。",
               cardiology, G_N_ELEMENTS (cardiology));
  put_meeting (d, D_GK, since_monday + 7, "骨科OKR周例会", "weekly_review",
               "机器人手术因收费备案未完成而积压，ERAS路径执行良好。",
               orthopaedics, G_N_ELEMENTS (orthopaedics));
  put_meeting (d, -1, since_monday + 3, "战略执行月度复盘会", "monthly_review",
               "院领导逐一听取四大支柱进展，重点讨论CMI提升和协同需求逾期问题。",
               hospital, G_N_ELEMENTS (hospital));
}

static void
put_event (Demo       *d,
           const char *card,
           const char *kind,
           const char *from,
           const char *to,
           const char *actor,
           const char *when,
           const char *detail)
{
  JsonObject *o = json_object_new ();

  set_s (o, "card_id", card);
  set_s (o, "kind", kind);
  set_s (o, "from_column_id", from);
  set_s (o, "to_column_id", to);
  set_s (o, "actor_id", actor);
  set_s (o, "at", when);
  set_s (o, "detail", detail);
  put (d, "card_event", NULL, o);
}

static void
put_board (Demo *d)
{
  JsonObject *o = json_object_new ();
  const char *board, *clerk = person (d, "孙晓东");
  guint in_column[N_COLUMNS] = { 0 }, placed[N_COLUMNS] = { 0 };

  set_s (o, "name", "横向协同需求看板");
  set_s (o, "rank", rank_of (d, 0, 1));
  board = put (d, "board", NULL, o);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      o = json_object_new ();
      set_s (o, "board_id", board);
      set_s (o, "name", board_columns[c]);
      set_b (o, "is_done", c == N_COLUMNS - 1);
      set_s (o, "rank", rank_of (d, c, N_COLUMNS));
      d->column[c] = put (d, "board_column", NULL, o);
    }

  /* Ids first: a card may be blocked by one listed after it */
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      d->card[i] = new_id (d, "card");
      in_column[cards[i].column]++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      const CardSpec *s = &cards[i];
      const char *creator = member (d, s->from, s->creator);
      const char *assignee = member (d, s->to, s->assignee);
      int first = first_dept_kr (s->from, NULL);
      gboolean done = s->column == N_COLUMNS - 1;
      /* days ago of the last move: done ones a little before they were due */
      int last = done ? MAX (1, 1 - s->due + (int) i % 3) : MAX (1, s->created / 3);

      o = json_object_new ();
      set_s (o, "board_id", board);
      set_s (o, "column_id", d->column[s->column]);
      set_s (o, "title", s->title);
      set_s (o, "description", s->description);
      set_s (o, "from_department_id", d->dept[s->from]);
      set_s (o, "to_department_id", d->dept[s->to]);
      set_s (o, "key_result_id", s->kr >= 0 ? d->dept_kr[first + s->kr].id : NULL);
      set_s (o, "due_date", day (d, s->due));
      set_s (o, "priority", s->priority);
      set_s (o, "assignee_id", s->column > 0 ? assignee : NULL);
      set_s (o, "created_by", creator);
      set_b (o, "supervised", s->supervise != NO_DAY);
      if (s->supervise != NO_DAY)
        {
          set_s (o, "supervision_deadline", day (d, s->supervise));
          set_s (o, "supervision_note", s->supervision_note);
        }
      set_s (o, "blocked_by_id", s->blocked_by >= 0 ? d->card[s->blocked_by] : NULL);
      if (done)
        set_s (o, "done_at", at (d, -last, 8, 15));
      set_s (o, "rank", rank_of (d, placed[s->column]++, in_column[s->column]));
      put (d, "card", d->card[i], o);

      /* History: created, then one move per column up to the last move */
      put_event (d, d->card[i], "created", NULL, d->column[0], creator, at (d, -s->created, 1, 10), NULL);
      for (int c = 1; c <= s->column; c++)
        put_event (d, d->card[i], "moved", d->column[c - 1], d->column[c],
                   c == N_COLUMNS - 1 ? creator : assignee,
                   at (d, -(s->created - c * (s->created - last) / s->column), c == N_COLUMNS - 1 ? 8 : 2 + c, 15),
                   NULL);
      if (s->blocked_by >= 0)
        put_event (d, d->card[i], "blocked", NULL, NULL, creator, at (d, -s->created, 1, 20),
                   str (d, "等待“%s”完成", cards[s->blocked_by].title));
      if (s->supervise != NO_DAY)
        put_event (d, d->card[i], "supervised", NULL, NULL, clerk, at (d, -2, 0, 40),
                   str (d, "院办督办，期限%s", day (d, s->supervise)));
      if (i == 0)
        put_event (d, d->card[i], "edited", NULL, NULL, creator, at (d, -8, 6, 5),
                   str (d, "截止日期调整为%s", day (d, s->due)));
    }

  for (guint i = 0; i < G_N_ELEMENTS (comments); i++)
    {
      const CommentSpec *s = &comments[i];
      const char *author = member (d, s->dept, s->member);
      const char *when = at (d, -s->days_ago, 5, 2 * i);

      o = json_object_new ();
      set_s (o, "card_id", d->card[s->card]);
      set_s (o, "author_id", author);
      set_s (o, "body", s->body);
      set_s (o, "created_at", when);
      put (d, "card_comment", NULL, o);
      put_event (d, d->card[s->card], "commented", NULL, NULL, author, when, NULL);
    }
}

static void
put_empowerment (Demo *d)
{
  static const double completion[] = { 0.93, 0.86, 0.8, 0.72, 0.64, 0.55 };
  static const char * const reviews[] = {
    "内容贴近科室实际，很受启发。", "希望多讲讲科室层面的案例。", "时长合适，利用碎片时间就能学完。",
    "终于明白CMI是怎么算的了。", "建议增加互动答题环节。", "知道了自己的工作和医院战略的关系。",
  };
  const char *hr = person (d, "刘晓敏");
  JsonObject *o;

  for (guint i = 0; i < G_N_ELEMENTS (skills); i++)
    {
      o = json_object_new ();
      set_s (o, "name", skills[i].name);
      set_s (o, "category", skills[i].category);
      d->skill[i] = put (d, "skill", NULL, o);
    }

  for (guint i = 0; i < G_N_ELEMENTS (courses); i++)
    {
      const CourseSpec *s = &courses[i];

      o = json_object_new ();
      set_s (o, "title", s->title);
      set_s (o, "summary", s->summary);
      set_s (o, "pillar_id", s->pillar >= 0 ? d->pillar[s->pillar] : NULL);
      set_i (o, "duration_min", s->minutes);
      set_s (o, "material", s->series ? "微课视频＋讲义PDF" : "线上课程");
      set_s (o, "series", s->series ? "《我们的战略与我》" : NULL);
      set_s (o, "rank", rank_of (d, i, G_N_ELEMENTS (courses)));
      d->course[i] = put (d, "course", NULL, o);

      if (s->skill != NULL)
        {
          o = json_object_new ();
          set_s (o, "course_id", d->course[i]);
          set_s (o, "skill_id", d->skill[skill_index (s->skill)]);
          put (d, "course_skill", NULL, o);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (audiences); i++)
    {
      o = json_object_new ();
      set_s (o, "course_id", d->course[audiences[i].course]);
      set_s (o, "department_id", audiences[i].dept >= 0 ? d->dept[audiences[i].dept] : NULL);
      set_s (o, "role", audiences[i].role);
      put (d, "course_audience", NULL, o);
    }

  /* The series went out every two weeks, the first about three months ago */
  for (guint i = 0; i < N_STAFF; i++)
    for (guint c = 0; c < G_N_ELEMENTS (completion); c++)
      {
        int released = 95 - 14 * c, after, hour, minute;
        gboolean done;

        if (rnd (d) < 0.04)
          continue;
        done = rnd (d) < completion[c];
        o = json_object_new ();
        set_s (o, "course_id", d->course[c]);
        set_s (o, "staff_id", d->staff[i]);
        if (done)
          {
            double r = rnd (d);

            after = rnd_int (d, 1, 30);
            hour = rnd_int (d, 0, 9);
            minute = rnd_int (d, 0, 59);
            set_s (o, "completed_at", at (d, -MAX (1, released - after), hour, minute));
            set_i (o, "rating", r < 0.45 ? 5 : r < 0.85 ? 4 : r < 0.97 ? 3 : 2);
            if (rnd (d) < 0.15)
              set_s (o, "comment", PICK (d, reviews));
          }
        put (d, "enrolment", NULL, o);
      }

  /* Courses HR assigned for skill gaps */
  for (guint i = 0; i < G_N_ELEMENTS (assignments); i++)
    {
      const AssignSpec *s = &assignments[i];
      guint c = 0;

      while (!g_str_equal (courses[c].title, s->course))
        c++;
      o = json_object_new ();
      set_s (o, "course_id", d->course[c]);
      set_s (o, "staff_id", person (d, s->person));
      set_b (o, "assigned", TRUE);
      set_s (o, "assigned_by", hr);
      set_s (o, "skill_id", d->skill[skill_index (courses[c].skill)]);
      set_s (o, "due_date", day (d, s->due));
      if (s->done)
        {
          set_s (o, "completed_at", at (d, -2 - (int) i, 6, 20));
          set_i (o, "rating", 4 + (int) i % 2);
        }
      put (d, "enrolment", NULL, o);
    }

  /* What people can do: their department's skill, plus one by profession */
  for (guint i = 0; i < N_STAFF; i++)
    {
      const StaffSpec *s = &staff_specs[i];
      Profession prof = profession_of (s);
      const char *own[2] = { depts[s->dept].skill, NULL };
      gboolean senior = g_str_equal (s->role, "head") || s->key;

      switch (prof)
        {
        case P_DOCTOR: own[1] = senior ? "科研设计与统计分析" : "医患沟通"; break;
        case P_NURSE: own[1] = "患者教育与健康宣教"; break;
        case P_ENGINEER: own[1] = "数据分析与可视化"; break;
        case P_OFFICE: own[1] = "精益流程改进"; break;
        default: break;
        }
      if (g_str_equal (s->role, "leadership"))
        own[0] = "项目管理";

      for (guint k = 0; k < 2; k++)
        {
          if (own[k] == NULL || (k == 1 && g_str_equal (own[0], own[1])))
            continue;
          o = json_object_new ();
          set_s (o, "staff_id", d->staff[i]);
          set_s (o, "skill_id", d->skill[skill_index (own[k])]);
          set_i (o, "level", senior ? rnd_int (d, 4, 5) : rnd_int (d, 1, 3));
          put (d, "staff_skill", NULL, o);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (skill_needs); i++)
    {
      const SkillNeedSpec *s = &skill_needs[i];

      o = json_object_new ();
      set_s (o, "skill_id", d->skill[skill_index (s->skill)]);
      set_s (o, "battle_id", s->battle >= 0 ? d->battle[first_battle (s->dept) + s->battle] : NULL);
      set_s (o, "key_result_id", s->kr >= 0 ? d->dept_kr[first_dept_kr (s->dept, NULL) + s->kr].id : NULL);
      set_i (o, "level", s->level);
      put (d, "skill_need", NULL, o);
    }

  for (guint i = 0; i < G_N_ELEMENTS (mentorships); i++)
    {
      const MentorSpec *s = &mentorships[i];

      o = json_object_new ();
      set_s (o, "mentor_id", person (d, s->mentor));
      set_s (o, "mentee_id", person (d, s->mentee));
      set_s (o, "skill_id", d->skill[skill_index (s->skill)]);
      set_s (o, "started_on", day (d, -s->days_ago));
      set_s (o, "status", s->status);
      set_s (o, "note", s->note);
      put (d, "mentorship", NULL, o);
    }
}

static void
put_fund (Demo *d)
{
  JsonObject *o;

  for (guint i = 0; i < G_N_ELEMENTS (funds); i++)
    {
      const FundSpec *s = &funds[i];
      const char *proposal;
      guint n_lines = 0;

      o = json_object_new ();
      set_s (o, "title", s->title);
      set_s (o, "problem", s->problem);
      set_s (o, "plan", s->plan);
      set_s (o, "key_result_id", d->dept_kr[first_dept_kr (s->dept, NULL) + s->kr].id);
      set_s (o, "applicant_id", member (d, s->dept, s->applicant));
      set_s (o, "department_id", d->dept[s->dept]);
      set_r (o, "amount", s->amount);
      if (s->pilot_start != NO_DAY)
        {
          set_s (o, "pilot_start", day (d, s->pilot_start));
          set_s (o, "pilot_end", day (d, s->pilot_end));
        }
      set_s (o, "state", s->state);
      set_s (o, "current_tier", s->tier);
      if (s->submitted != NO_DAY)
        set_s (o, "submitted_at", at (d, -s->submitted, 2, 45));
      set_s (o, "result", s->result);
      proposal = put (d, "fund_proposal", NULL, o);

      while (n_lines < G_N_ELEMENTS (s->lines) && s->lines[n_lines].item != NULL)
        n_lines++;
      for (guint k = 0; k < n_lines; k++)
        {
          o = json_object_new ();
          set_s (o, "proposal_id", proposal);
          set_s (o, "item", s->lines[k].item);
          set_r (o, "amount", s->lines[k].amount);
          set_s (o, "rank", rank_of (d, k, n_lines));
          put (d, "fund_budget_line", NULL, o);
        }

      for (guint k = 0; k < G_N_ELEMENTS (s->approvals) && s->approvals[k].tier != NULL; k++)
        {
          const ApprovalSpec *a = &s->approvals[k];
          const char *approver = g_str_equal (a->tier, "head") ? member (d, s->dept, 0)
                               : g_str_equal (a->tier, "finance") ? member (d, D_CWB, 0)
                               : person (d, "林振华");

          o = json_object_new ();
          set_s (o, "proposal_id", proposal);
          set_s (o, "tier", a->tier);
          set_s (o, "approver_id", approver);
          set_s (o, "decision", a->decision);
          set_s (o, "reason", a->reason);
          set_s (o, "decided_at", at (d, -a->days_ago, 7, 10));
          put (d, "fund_approval", NULL, o);
        }
    }
}

static const char *
put_indicator (Demo       *d,
               const char *code,
               const char *dimension,
               const char *sub_dimension,
               const char *name,
               const char *level,
               const char *direction,
               const char *unit,
               const char *definition,
               const char *source,
               gboolean    monitoring)
{
  JsonObject *o = json_object_new ();
  const char *id;

  set_s (o, "code", code);
  set_s (o, "name", name);
  set_s (o, "dimension", dimension);
  set_s (o, "sub_dimension", sub_dimension);
  set_s (o, "level", level);
  set_s (o, "direction", direction);
  set_s (o, "unit", unit);
  set_s (o, "definition", definition);
  set_s (o, "source", source);
  set_b (o, "national_monitoring", monitoring);
  id = put (d, "indicator", NULL, o);
  if (id != NULL)
    g_hash_table_insert (d->indicators, (gpointer) name, (gpointer) id);
  return id;
}

static const char *
indicator (Demo       *d,
           const char *name)
{
  const char *id = g_hash_table_lookup (d->indicators, name);

  g_assert (id != NULL || d->error != NULL);
  return id;
}

static void
put_value (Demo       *d,
           const char *indicator_id,
           int         dept,
           const char *month,
           double      value)
{
  JsonObject *o = json_object_new ();

  set_s (o, "indicator_id", indicator_id);
  set_s (o, "department_id", dept >= 0 ? d->dept[dept] : NULL);
  set_s (o, "month", month);
  set_r (o, "value", value);
  set_s (o, "source", "import");
  put (d, "indicator_value", NULL, o);
}

static void
put_target (Demo       *d,
            const char *indicator_id,
            int         dept,
            double      target)
{
  JsonObject *o = json_object_new ();

  set_s (o, "indicator_id", indicator_id);
  set_s (o, "department_id", dept >= 0 ? d->dept[dept] : NULL);
  set_s (o, "period", str (d, "%d", d->year));
  set_r (o, "target", target);
  put (d, "indicator_target", NULL, o);
}

static void
put_indicators (Demo *d)
{
  const char *month[12];
  int month_of_year[12];

  for (guint i = 0; i < G_N_ELEMENTS (national); i++)
    {
      const NationalSpec *s = &national[i];
      const char *definition = str (d, "国家三级公立医院绩效考核指标第%u项。%s%s", i + 1,
                                    g_str_equal (s->direction, "monitor") ? "监测指标，不设优劣方向。" :
                                    g_str_equal (s->direction, "qualitative") ? "定性指标，由评审判定。" : "",
                                    s->uncertain ? "各公开版本表述不一，请以现行操作手册为准。" : "");

      put_indicator (d, str (d, "GK-%02u", i + 1), s->dimension, s->sub_dimension, s->name, "hospital",
                     s->direction, s->unit, definition, "national", s->monitoring);
    }

  for (guint i = 0; i < G_N_ELEMENTS (operational); i++)
    {
      const OperationalSpec *s = &operational[i];

      put_indicator (d, str (d, "YY-%02u", i + 1), s->dimension, s->sub_dimension, s->name, s->level,
                     s->direction, s->unit,
                     g_str_equal (s->direction, "monitor") ? str (d, "%s监测指标，不设优劣方向。", s->definition) : s->definition,
                     "operational", FALSE);
    }

  /* The twelve full months before the current one */
  for (int m = 0; m < 12; m++)
    {
      int y = d->year, mo = g_date_get_month (&d->today) - 12 + m;

      if (mo < 1)
        {
          mo += 12;
          y--;
        }
      month[m] = str (d, "%04d-%02d", y, mo);
      month_of_year[m] = mo;
    }

  for (guint i = 0; i < G_N_ELEMENTS (hospital_series); i++)
    {
      const SeriesSpec *s = &hospital_series[i];
      const char *id = indicator (d, s->name);

      for (int m = 0; m < 12; m++)
        {
          double v = s->first + (s->last - s->first) * m / 11.0 + (rnd (d) - 0.5) * 2 * s->noise;

          /* The Spring Festival empties the clinics in February */
          if (s->volume && month_of_year[m] == 2)
            v *= 0.85;
          put_value (d, id, -1, month[m], round_to (v, s->decimals));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (dept_series); i++)
    {
      const DeptSeriesSpec *s = &dept_series[i];

      for (int m = 0; m < 12; m++)
        {
          double f = m / 11.0;

          put_value (d, indicator (d, "平均住院日"), s->dept, month[m],
                     round_to (s->alos[0] + (s->alos[1] - s->alos[0]) * f + (rnd (d) - 0.5) * 0.3, 2));
          put_value (d, indicator (d, "病例组合指数（CMI）"), s->dept, month[m],
                     round_to (s->cmi[0] + (s->cmi[1] - s->cmi[0]) * f + (rnd (d) - 0.5) * 0.03, 2));
          put_value (d, indicator (d, "床位使用率"), s->dept, month[m],
                     round_to (s->occupancy + (rnd (d) - 0.5) * 4, 1));
          put_value (d, indicator (d, "患者满意度"), s->dept, month[m],
                     round_to (s->satisfaction + f + (rnd (d) - 0.5), 1));
          put_value (d, indicator (d, "床位周转次数"), s->dept, month[m],
                     round_to (s->turnover * (0.95 + 0.08 * f) + (rnd (d) - 0.5) * 2, 1));
        }
      put_target (d, indicator (d, "平均住院日"), s->dept, round_to (s->alos[1] * 0.95, 1));
      put_target (d, indicator (d, "病例组合指数（CMI）"), s->dept, round_to (s->cmi[1] + 0.05, 2));
    }

  for (guint i = 0; i < G_N_ELEMENTS (hospital_targets); i++)
    put_target (d, indicator (d, hospital_targets[i].name), -1, hospital_targets[i].target);
}

static void
put_evaluation (Demo *d)
{
  JsonObject *o = json_object_new ();
  const char *scheme;
  static const char * const roles[] = { "staff", "head" };
  static const char * const quarter_names[] = { "一", "二", "三", "四" };

  set_s (o, "name", str (d, "%d年第%s季度全院人员绩效评价方案", d->year, quarter_names[d->quarter - 1]));
  set_s (o, "cycle_id", d->quarter_cycle);
  set_s (o, "subject", "person");
  set_r (o, "okr_weight", 0.6);
  set_r (o, "indicator_weight", 0.3);
  set_r (o, "assessment_weight", 0.1);
  set_r (o, "challenge_credit", 0.7);
  set_r (o, "grade_a", 90);
  set_r (o, "grade_b", 80);
  set_r (o, "grade_c", 60);
  set_r (o, "quota_a", 0.2);
  set_s (o, "status", "draft");
  scheme = put (d, "eval_scheme", NULL, o);

  for (guint i = 0; i < G_N_ELEMENTS (scheme_items); i++)
    {
      o = json_object_new ();
      set_s (o, "scheme_id", scheme);
      set_s (o, "indicator_id", indicator (d, scheme_items[i].indicator));
      set_r (o, "weight", scheme_items[i].weight);
      put (d, "eval_scheme_item", NULL, o);
    }

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      o = json_object_new ();
      set_s (o, "scheme_id", scheme);
      set_s (o, "role", roles[i]);
      put (d, "eval_audience", NULL, o);
    }
}

static void
put_settings (Demo *d)
{
  static const char * const settings[][2] = {
    { "fund.tier.head_max", "20000" },
    { "fund.tier.finance_max", "100000" },
    { "kanban.auto_supervise_days", "3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      JsonObject *o = json_object_new ();

      set_s (o, "key", settings[i][0]);
      set_s (o, "value", settings[i][1]);
      put (d, "setting", NULL, o);
    }
}

/* Entry point ----------------------------------------------------------------- */

static gboolean
parse_today (const char *today,
             GDate      *out)
{
  int y, m, dd, len = 0;

  if (today == NULL || strlen (today) != 10 ||
      sscanf (today, "%4d-%2d-%2d%n", &y, &m, &dd, &len) != 3 || len != 10 ||
      y < 2001 || y > 2098 || !g_date_valid_dmy (dd, m, y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, dd, m, y);
  return TRUE;
}

static void
demo_init_dates (Demo *d)
{
  GDate monday;

  d->year = g_date_get_year (&d->today);
  d->quarter = (g_date_get_month (&d->today) - 1) / 3 + 1;
  g_date_clear (&d->year_start, 1);
  g_date_clear (&d->year_end, 1);
  g_date_clear (&d->quarter_start, 1);
  g_date_clear (&d->quarter_end, 1);
  g_date_set_dmy (&d->year_start, 1, G_DATE_JANUARY, d->year);
  g_date_set_dmy (&d->year_end, 31, G_DATE_DECEMBER, d->year);
  g_date_set_dmy (&d->quarter_start, 1, 3 * d->quarter - 2, d->year);
  g_date_set_dmy (&d->quarter_end, g_date_get_days_in_month (3 * d->quarter, d->year),
                  3 * d->quarter, d->year);

  monday = d->quarter_start;
  while (g_date_get_weekday (&monday) != G_DATE_MONDAY)
    g_date_add_days (&monday, 1);
  for (d->n_mondays = 0; g_date_compare (&monday, &d->today) <= 0 && d->n_mondays < MAX_WEEKS; d->n_mondays++)
    {
      d->mondays[d->n_mondays] = monday;
      g_date_add_days (&monday, 7);
    }

  d->stamp = str (d, "%sT10:00:00Z", date_str (d, &d->today));
}

gboolean
zx_demo_populate (ZxStore     *store,
                  const char  *today,
                  GError     **error)
{
  Demo *d;
  gboolean ok;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (zx_store_has_hospital (store) || !zx_store_is_empty (store))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_EMPTY,
                   _("The demo hospital can only be loaded into an empty database."));
      return FALSE;
    }

  d = g_new0 (Demo, 1);
  if (!parse_today (today, &d->today))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   _("“%s” is not a date such as 2026-03-31."), today ? today : "");
      g_free (d);
      return FALSE;
    }

  d->store = store;
  d->rand = g_rand_new_with_seed (DEMO_SEED);
  d->chunk = g_string_chunk_new (64 * 1024);
  d->scopes = g_hash_table_new (g_str_hash, g_str_equal);
  d->serials = g_hash_table_new (g_str_hash, g_str_equal);
  d->indicators = g_hash_table_new (g_str_hash, g_str_equal);
  demo_init_dates (d);

  ok = zx_store_begin (store, &d->error);
  if (ok)
    {
      put_organisation (d);
      put_strategy (d);
      put_cycles (d);
      put_okrs (d);
      put_meetings (d);
      put_board (d);
      put_empowerment (d);
      zx_demo_put_empowerment_follow_up (store, &d->today, d->stamp, &d->error);
      put_fund (d);
      put_indicators (d);
      put_evaluation (d);
      put_settings (d);
      zx_demo_evaluation_populate (store, &d->error);   /* last quarter's, locked; a no-op after an error */
      if (d->error == NULL)
        zx_demo_fund_populate (store, &d->error);   /* the fund's audit trail */

      if (d->error != NULL)
        zx_store_rollback (store);
      else
        zx_store_commit (store, &d->error); /* rolls back itself on failure */
      ok = d->error == NULL;
    }

  if (!ok)
    g_propagate_prefixed_error (error, g_steal_pointer (&d->error),
                                _("Could not create the demo hospital: "));

  g_hash_table_unref (d->indicators);
  g_hash_table_unref (d->serials);
  g_hash_table_unref (d->scopes);
  g_string_chunk_free (d->chunk);
  g_rand_free (d->rand);
  g_free (d);
  return ok;
}
