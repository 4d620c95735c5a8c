//! The demo street of DOMAIN.md, for `make run` and the end-to-end tests. Never seeded in
//! production: only `seed-demo` and `serve --demo` call it, and only on an empty database.

use super::db::entities::{account, community, help_request, service_project};
use super::policy::HelpPolicy;
use super::{accounts, places, roles};
use crate::authz::Principal;
use crate::domain::{ContactPoint, DisplayName, Password, PlaceName, RoomNumber};
use crate::error::AppResult;
use crate::i18n::Locale;
use crate::model::{AccountId, AccountStatus, BuildingId, CommunityId, Role, SubCommittee};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

pub const DEMO_PASSWORD: &str = "jiayuan-demo";

/// The demo accounts and what each can do, printed at start and listed in the README.
pub const DEMO_ACCOUNTS: &[(&str, &str)] = &[
    ("resident1@demo.jiayuan", "verified resident, 花果山 building 1"),
    ("resident2@demo.jiayuan", "verified resident, 花果山 building 1"),
    ("resident3@demo.jiayuan", "verified resident, 花果山 building 1"),
    ("resident4@demo.jiayuan", "verified resident, 花果山 building 2"),
    ("resident5@demo.jiayuan", "verified resident, 花果山 building 2"),
    ("pending1@demo.jiayuan", "registered, not yet verified"),
    ("volunteer1@demo.jiayuan", "volunteer for 花果山 building 1"),
    ("volunteer2@demo.jiayuan", "volunteer for 花果山 building 2"),
    ("staff1@demo.jiayuan", "service-centre staff, 花果山"),
    ("committee1@demo.jiayuan", "committee member (环境建设), 花果山"),
    ("admin@demo.jiayuan", "street admin"),
];

struct Person {
    email: &'static str,
    name: &'static str,
    /// (building index, flat) in 花果山; `None` for staff who do not live there.
    home: Option<(usize, &'static str)>,
    status: AccountStatus,
}

const PEOPLE: &[Person] = &[
    Person {
        email: "resident1@demo.jiayuan", name: "王阿姨", home: Some((0, "101")), status: AccountStatus::Verified
    },
    Person {
        email: "resident2@demo.jiayuan", name: "李叔叔", home: Some((0, "202")), status: AccountStatus::Verified
    },
    Person {
        email: "resident3@demo.jiayuan",
        name: "Emma Schulz",
        home: Some((0, "303")),
        status: AccountStatus::Verified,
    },
    Person {
        email: "resident4@demo.jiayuan", name: "陈奶奶", home: Some((1, "401")), status: AccountStatus::Verified
    },
    Person {
        email: "resident5@demo.jiayuan", name: "赵先生", home: Some((1, "502")), status: AccountStatus::Verified
    },
    Person {
        email: "pending1@demo.jiayuan",
        name: "新邻居小周",
        home: Some((0, "602")),
        status: AccountStatus::Pending,
    },
    Person {
        email: "volunteer1@demo.jiayuan",
        name: "志愿者小刘",
        home: Some((0, "702")),
        status: AccountStatus::Verified,
    },
    Person {
        email: "volunteer2@demo.jiayuan",
        name: "志愿者阿杰",
        home: Some((1, "801")),
        status: AccountStatus::Verified,
    },
    Person { email: "staff1@demo.jiayuan", name: "社工张老师", home: None, status: AccountStatus::Verified },
    Person {
        email: "committee1@demo.jiayuan",
        name: "居委孙委员",
        home: Some((2, "301")),
        status: AccountStatus::Verified,
    },
    Person { email: "admin@demo.jiayuan", name: "街道管理员", home: None, status: AccountStatus::Verified },
];

const COMMUNITIES: &[(&str, &str, &str)] =
    &[("花果山社区", "Huaguoshan Community", "0755-2668 0001"), ("海滨社区", "Haibin Community", "0755-2668 0002")];

fn name(raw: &str) -> PlaceName {
    PlaceName::parse(raw).expect("demo place names are valid")
}

/// Seeds the demo street if the database has no community yet. Returns whether it did.
/// The 15 service projects that replaced the 159 affairs of the old workstation (seed
/// document), as the demo service centre offers them: (中文, English, 介绍, description).
const SERVICES: [(&str, &str, &str, &str); 15] = [
    (
        "长者关爱",
        "Elderly care",
        "独居和高龄长者的定期探访、助餐和生日会。",
        "Regular visits, meal help and birthday gatherings for older people living alone.",
    ),
    (
        "残障人士支援",
        "Disability support",
        "康复辅具借用、无障碍改造咨询和家属支持小组。",
        "Loans of mobility aids, advice on barrier-free homes and a family support group.",
    ),
    (
        "青少年成长",
        "Youth and children",
        "四点半课堂、暑期托管和青少年兴趣小组。",
        "After-school club, summer care and hobby groups for young people.",
    ),
    (
        "家庭支持",
        "Family support",
        "家庭关系辅导、亲子活动和新手父母课堂。",
        "Family counselling, parent-child activities and classes for new parents.",
    ),
    (
        "就业援助",
        "Employment help",
        "就业登记、岗位推荐、简历辅导和技能培训报名。",
        "Job registration, vacancies, CV help and sign-up for skills training.",
    ),
    (
        "社区矫正协助",
        "Community correction support",
        "配合司法所做好社区矫正人员的帮扶和回归。",
        "Helping people on community correction return to everyday life, with the judicial office.",
    ),
    (
        "志愿者管理",
        "Volunteer management",
        "志愿者注册、培训、服务时长记录和表彰。",
        "Volunteer sign-up, training, hours and recognition.",
    ),
    (
        "文体活动",
        "Culture and sports",
        "广场舞、书法、合唱等文体队伍和节庆活动。",
        "Dance, calligraphy and choir groups, and festival events.",
    ),
    (
        "法律援助转介",
        "Legal aid referral",
        "每周律师驻点咨询，必要时转介法律援助中心。",
        "A lawyer's weekly hours, and referral to the legal aid centre when needed.",
    ),
    (
        "心理咨询",
        "Counselling",
        "情绪困扰的倾听和专业心理咨询转介。",
        "Someone to listen, and referral to professional counselling.",
    ),
    (
        "社会救助",
        "Social assistance",
        "低保、临时救助的政策咨询和申请协助。",
        "Advice on and help applying for minimum income and emergency assistance.",
    ),
    (
        "计生与健康",
        "Family planning and health",
        "计生服务证明、健康讲座和家庭医生签约。",
        "Family planning certificates, health talks and signing up with a family doctor.",
    ),
    (
        "流动人口服务",
        "Services for newcomers",
        "居住登记、居住证办理指引和新居民融入活动。",
        "Residence registration, residence permit guidance and welcome activities.",
    ),
    (
        "退役军人服务",
        "Veterans' services",
        "退役军人信息登记、优待政策咨询和走访慰问。",
        "Registration, advice on benefits, and visits for veterans.",
    ),
    (
        "证明开具与代办",
        "Certificates and errands",
        "居住证明等常用证明的开具指引，行动不便者可预约代办。",
        "Guidance on common certificates; an errand service for those who cannot come in.",
    ),
];

/// Each community's service centre starts with the 15 projects.
async fn seed_services(db: &impl ConnectionTrait, community: i64, now: DateTime<Utc>) -> AppResult<()> {
    let rows = SERVICES.iter().enumerate().map(|(i, (zh, en, summary_zh, summary_en))| service_project::ActiveModel {
        community_id: Set(community),
        position: Set(i as i32 + 1),
        name_zh: Set((*zh).to_owned()),
        name_en: Set((*en).to_owned()),
        summary_zh: Set((*summary_zh).to_owned()),
        summary_en: Set((*summary_en).to_owned()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    });
    service_project::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

pub async fn seed_demo(db: &impl ConnectionTrait, now: DateTime<Utc>) -> AppResult<bool> {
    if community::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let mut buildings_of_first = vec![];
    let mut community_ids = vec![];
    for (i, (zh, en, phone)) in COMMUNITIES.iter().enumerate() {
        let community = places::add_community(db, name(zh), Some(name(en)), Some((*phone).to_owned()), now).await?;
        community_ids.push(community);
        seed_services(db, community, now).await?;
        for n in 1..=6 {
            let building =
                places::add_building(db, community, name(&format!("{n}栋")), Some(name(&format!("Building {n}"))))
                    .await?;
            let mut units = vec![];
            for u in 1..=2 {
                units.push(
                    places::add_unit(db, building, name(&format!("{u}单元")), Some(name(&format!("Entrance {u}"))))
                        .await?,
                );
            }
            if i == 0 {
                buildings_of_first.push((building, units));
            }
        }
    }
    let huaguoshan = CommunityId(community_ids[0]);
    // One hash for every demo account: seeding stays fast and the password is public anyway.
    let hash = super::passwords::hash(&Password::parse(DEMO_PASSWORD).expect("demo password is valid")).await?;
    let mut ids = std::collections::HashMap::new();
    for person in PEOPLE {
        let contact = ContactPoint::parse(person.email).expect("demo emails are valid");
        let display = DisplayName::parse(person.name).expect("demo names are valid");
        let id = match person.home {
            Some((b, flat)) => {
                let (building, units) = &buildings_of_first[b];
                let status = match person.status {
                    AccountStatus::Pending => accounts::InitialStatus::Pending,
                    _ => accounts::InitialStatus::Verified,
                };
                let registration = accounts::Registration {
                    contact,
                    name: display,
                    password_hash: hash.clone(),
                    building: *building,
                    unit: units[0],
                    room: RoomNumber::parse(flat).expect("demo flats are valid"),
                    locale: Locale::Zh,
                };
                accounts::register(db, registration, status, now).await?
            }
            None => accounts::create_staff_account(db, contact, display, hash.clone(), now).await?,
        };
        // Residents also have a mobile number: what a volunteer holding their request sees.
        if let Some(n) = person.email.strip_prefix("resident").and_then(|r| r.chars().next()) {
            account::Entity::update_many()
                .col_expr(account::Column::Phone, Expr::value(format!("+861380000000{n}")))
                .filter(account::Column::Id.eq(id))
                .exec(db)
                .await?;
        }
        ids.insert(person.email, id);
    }
    let building = |i: usize| BuildingId(buildings_of_first[i].0);
    let grants = [
        ("volunteer1@demo.jiayuan", Role::Volunteer { community: huaguoshan, building: building(0) }),
        ("volunteer2@demo.jiayuan", Role::Volunteer { community: huaguoshan, building: building(1) }),
        ("staff1@demo.jiayuan", Role::Staff { community: huaguoshan }),
        ("committee1@demo.jiayuan", Role::Committee { community: huaguoshan, sub: SubCommittee::Environment }),
        ("admin@demo.jiayuan", Role::Admin { community: None }),
    ];
    // The seed acts as a street admin that exists only for these grants.
    let seeder = Principal {
        account: AccountId(ids["admin@demo.jiayuan"]),
        status: AccountStatus::Verified,
        community: None,
        building: None,
        roles: vec![Role::Admin { community: None }],
    };
    for (email, role) in grants {
        roles::grant(db, &seeder, ids[email], role, now).await?;
    }
    Ok(true)
}

/// Requests and alerts that make the mutual-aid pages worth opening. Separate from
/// `seed_demo` so tests can start from people and places alone.
pub async fn seed_demo_activity(db: &impl ConnectionTrait, now: DateTime<Utc>, policy: &HelpPolicy) -> AppResult<()> {
    use super::help::{self, ActInput, NewRequest, Poster};
    use crate::domain::{AlertText, HelpDescription, IdempotencyKey, ShortNote};
    use crate::help::{Category, HelpAction, Urgency};
    if help_request::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let person = |email: &'static str| async move {
        let found = account::Entity::find().filter(account::Column::Email.eq(email)).one(db).await?;
        let id = found.map(|a| a.id).ok_or(crate::error::AppError::NotFound)?;
        accounts::load_principal(db, id).await?.ok_or(crate::error::AppError::NotFound)
    };
    let requests: [(&str, Category, Urgency, &str); 4] = [
        (
            "resident3@demo.jiayuan",
            Category::Errand,
            Urgency::Today,
            "I'm recovering from surgery — could someone fetch a parcel from the locker at the gate?",
        ),
        ("resident2@demo.jiayuan", Category::CheckIn, Urgency::Anytime, "老伴住院了，想请人每天傍晚来家里坐坐、聊聊天"),
        ("resident4@demo.jiayuan", Category::Repair, Urgency::ThisWeek, "厨房水龙头一直滴水，想请会修的邻居帮忙看看"),
        ("resident5@demo.jiayuan", Category::Escort, Urgency::Today, "周四上午要去蛇口人民医院复查，需要有人陪同"),
    ];
    let mut ids = vec![];
    for (i, (email, category, urgency, text)) in requests.into_iter().enumerate() {
        let who = person(email).await?;
        let new = NewRequest {
            category,
            urgency,
            description: HelpDescription::parse(text).expect("demo texts are valid"),
            window: None,
            key: IdempotencyKey::parse(&format!("demo-request-{i}")).expect("valid key"),
        };
        ids.push(help::post(db, Poster::Resident(&who), new, now, policy).await?);
    }
    let volunteer2 = person("volunteer2@demo.jiayuan").await?;
    help::act(db, &volunteer2, ids[2], HelpAction::Claim, ActInput::default(), now, policy).await?;
    help::act(db, &volunteer2, ids[2], HelpAction::Start, ActInput::default(), now, policy).await?;
    help::act(db, &volunteer2, ids[3], HelpAction::Claim, ActInput::default(), now, policy).await?;
    let done = ActInput { minutes: Some(90), ..Default::default() };
    help::act(db, &volunteer2, ids[3], HelpAction::ReportDone, done, now, policy).await?;
    let resident5 = person("resident5@demo.jiayuan").await?;
    help::act(db, &resident5, ids[3], HelpAction::Confirm, ActInput::default(), now, policy).await?;
    let thanks = ShortNote::parse("阿杰一路陪着，太感谢了！").ok();
    help::thank(db, &resident5, ids[3], thanks, 5, now).await?;

    seed_service_activity(db, &person("staff1@demo.jiayuan").await?, now).await?;

    let resident1 = person("resident1@demo.jiayuan").await?;
    let alert = AlertText::parse("1栋东侧楼道灯坏了，晚上请注意脚下").expect("valid alert");
    super::alerts::post(db, &resident1, alert, false, now).await?;
    let staff = person("staff1@demo.jiayuan").await?;
    let notice = AlertText::parse("周六上午 9 点社区义诊，地点：服务中心一楼").expect("valid alert");
    super::alerts::post(db, &staff, notice, true, now).await?;
    Ok(())
}

/// Service requests in every state, rated this quarter and the one before, so the queue and
/// the supervision table have something to show.
async fn seed_service_activity(db: &impl ConnectionTrait, staff: &Principal, now: DateTime<Utc>) -> AppResult<()> {
    use super::db::entities::service_request;
    use crate::services::ServiceRequestState as S;
    let community = staff.roles.iter().find_map(|r| r.community()).ok_or(crate::error::AppError::NotFound)?;
    let services: Vec<i64> = service_project::Entity::find()
        .filter(service_project::Column::CommunityId.eq(community.0))
        .all(db)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let residents: Vec<i64> = account::Entity::find()
        .filter(account::Column::CommunityId.eq(community.0))
        .filter(account::Column::Status.eq("verified"))
        .all(db)
        .await?
        .iter()
        .map(|a| a.id)
        .collect();
    let day = chrono::Duration::days(1);
    // (service index, resident index, state, days ago, rating, comment)
    type Past = (usize, usize, S, i64, Option<i16>, &'static str);
    let history: [Past; 10] = [
        (0, 0, S::Done, 100, Some(4), "探访的社工很耐心"),
        (0, 3, S::Done, 95, Some(2), "约好的时间没来，改了两次"),
        (0, 3, S::Done, 20, Some(5), "助餐很准时，饭菜也合口味"),
        (0, 1, S::Done, 12, Some(3), "还可以，希望多来几次"),
        (8, 2, S::Done, 15, Some(5), "The lawyer explained everything clearly."),
        (4, 4, S::Done, 10, Some(2), "推荐的岗位离家太远"),
        (2, 1, S::InProgress, 3, None, ""),
        (14, 3, S::Accepted, 2, None, ""),
        (9, 0, S::Submitted, 1, None, ""),
        (11, 4, S::Declined, 5, None, ""),
    ];
    let details = ["请社工上门了解情况，工作日上午方便。", "Could someone call me in the afternoon?"];
    let rows = history.iter().enumerate().map(|(i, (service, resident, state, ago, rating, comment))| {
        let at = now - day * (*ago as i32);
        service_request::ActiveModel {
            service_id: Set(services[*service]),
            community_id: Set(community.0),
            requester_id: Set(residents[*resident % residents.len()]),
            details: Set(details[i % 2].to_owned()),
            state: Set(state.as_str().to_owned()),
            decline_reason: Set((*state == S::Declined).then(|| "本服务需到社康中心办理，已电话告知".to_owned())),
            handled_by: Set((*state != S::Submitted).then_some(staff.account.0)),
            rating: Set(*rating),
            rating_comment: Set(rating.map(|_| (*comment).to_owned())),
            rated_at: Set(rating.map(|_| at + day)),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        }
    });
    service_request::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}
