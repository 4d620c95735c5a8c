//! The access-control matrix: every server function, called by every kind of person, on an
//! object of a resident of building 1 in 花果山. Each row says who gets past the rules; the
//! rest must be refused — 401 not signed in, 403 not allowed or not verified, 404 where even
//! the object's existence is not theirs to know — and a refusal changes nothing.
//!
//! A server function with no row fails the test, so a new one cannot ship unreviewed.
//! Getting past the rules is any other answer: done, or refused for what was asked (a field
//! error, a conflict with the object's state, a wrong password). Each row gets fresh objects.
//! `JIAYUAN_MATRIX_RECORD=1` prints what the server did, in the table's own syntax.

use crate::helpers::{Client, TestApp};
use crate::on_both_backends;
use app::authz::Principal;
use app::domain::{ContactPoint, DisplayName, PlaceName, RoomNumber};
use app::error::AppError;
use app::i18n::Locale;
use app::model::Role;
use app::ssr::db::entities::{
    account, building, comment, community, forum_topic, help_request, magazine_issue, notification, organisation,
    photo, project_milestone, proposal, push_subscription, role_grant, service_project, service_request, unit,
    watch_alert,
};
use app::ssr::{accounts, places, roles, sessions};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Anonymous,
    /// Registered in building 1, not yet verified.
    Pending,
    /// resident1, building 1: the owner of every object a row makes.
    Owner,
    /// resident2, the same building.
    Neighbour,
    /// resident4, building 2 of the same community.
    OtherBuilding,
    /// volunteer1, on duty for building 1.
    Volunteer,
    /// volunteer2, building 2.
    FarVolunteer,
    /// Service-centre staff of 花果山.
    Staff,
    /// A committee member of 花果山 (环境建设).
    Committee,
    /// The street admin.
    Admin,
    /// A verified resident of another community.
    Outsider,
    /// Staff of the other community.
    OutsideStaff,
}

use Who::*;

const EVERYONE: [Who; 12] = [
    Anonymous,
    Pending,
    Owner,
    Neighbour,
    OtherBuilding,
    Volunteer,
    FarVolunteer,
    Staff,
    Committee,
    Admin,
    Outsider,
    OutsideStaff,
];
const SIGNED_IN: &[Who] = &[
    Pending,
    Owner,
    Neighbour,
    OtherBuilding,
    Volunteer,
    FarVolunteer,
    Staff,
    Committee,
    Admin,
    Outsider,
    OutsideStaff,
];
/// Verified residents of 花果山 (the committee member lives there too).
const RESIDENTS_HERE: &[Who] = &[Owner, Neighbour, OtherBuilding, Volunteer, FarVolunteer, Committee];
/// Verified residents, each acting in their own community.
const RESIDENTS_ANYWHERE: &[Who] = &[Owner, Neighbour, OtherBuilding, Volunteer, FarVolunteer, Committee, Outsider];
/// Who reads 花果山's shared pages: its people, verified or not, its staff and the street.
const READERS_HERE: &[Who] =
    &[Pending, Owner, Neighbour, OtherBuilding, Volunteer, FarVolunteer, Staff, Committee, Admin];
/// The owner's building: its residents and volunteer, and the staff who may step in.
const BUILDING_ONE: &[Who] = &[Owner, Neighbour, Volunteer, Staff, Admin];
/// Service-centre staff of any community, each in their own.
const ANY_STAFF: &[Who] = &[Staff, Admin, OutsideStaff];
const STAFF_HERE: &[Who] = &[Staff, Admin];
/// Delivery and moderation: staff and the committee.
const RUNS_DELIVERY: &[Who] = &[Staff, Committee, Admin];
/// Whoever holds a console role anywhere: they manage their own two-step sign-in.
const CONSOLE_HOLDERS: &[Who] = &[Staff, Committee, Admin, OutsideStaff];

/// Who gets past the rules, per server function. Reviewed against DOMAIN.md's roles.
const MATRIX: &[(&str, &[Who])] = &[
    // Accounts. Anyone may ask who they are, register, sign in, sign out (a no-op without a
    // session) and set this device's language and senior mode; the rest is one's own account.
    ("accounts/viewer", &EVERYONE),
    ("accounts/register", &EVERYONE),
    ("accounts/login", &EVERYONE),
    ("accounts/logout", &EVERYONE),
    ("accounts/logout_everywhere", &EVERYONE),
    ("accounts/elderly", &EVERYONE),
    ("accounts/language", &EVERYONE),
    ("accounts/change_password", SIGNED_IN),
    ("accounts/delete", SIGNED_IN),
    // Two-step sign-in: the code page answers anyone (without a pending sign-in it says to
    // start again); enrolment is for console roles.
    ("accounts/second_step", &EVERYONE),
    ("accounts/two_step", CONSOLE_HOLDERS),
    ("accounts/two_step_begin", CONSOLE_HOLDERS),
    ("accounts/two_step_confirm", CONSOLE_HOLDERS),
    ("accounts/two_step_off", CONSOLE_HOLDERS),
    // The watch: residents post in their community; an alert of building 1 is answered and
    // reported by building 1 and the staff, and hidden by staff.
    (
        "alerts/feed",
        &[Owner, Neighbour, OtherBuilding, Volunteer, FarVolunteer, Staff, Committee, Admin, Outsider, OutsideStaff],
    ),
    ("alerts/post", RESIDENTS_ANYWHERE),
    ("alerts/reply", BUILDING_ONE),
    ("alerts/report", BUILDING_ONE),
    ("alerts/hide", STAFF_HERE),
    // Announcements: read by the community, published by its staff.
    ("announcements/list", SIGNED_IN),
    ("announcements/view", READERS_HERE),
    ("announcements/publish", ANY_STAFF),
    ("announcements/pin", STAFF_HERE),
    // The console.
    ("console/summary", &[Staff, Committee, Admin, OutsideStaff]),
    ("console/pending", ANY_STAFF),
    ("console/verify", STAFF_HERE),
    ("console/reject", STAFF_HERE),
    ("console/people", &[Admin]),
    ("console/grant_role", &[Admin]),
    ("console/revoke_role", &[Admin]),
    ("console/audit", &[Admin]),
    ("console/two_step_rule", &[Admin]),
    ("console/require_two_step", &[Admin]),
    ("console/reset_two_step", &[Admin]),
    ("console/service-requests", ANY_STAFF),
    ("console/supervision", &[Committee, Admin]),
    // Deliberation: residents comment; nobody reports their own comment; staff and the
    // committee moderate.
    ("comments/thread", READERS_HERE),
    ("comments/post", RESIDENTS_HERE),
    ("comments/report", &[Neighbour, OtherBuilding, Volunteer, FarVolunteer, Committee]),
    ("comments/hide", RUNS_DELIVERY),
    ("forum/page", SIGNED_IN),
    ("forum/topic", READERS_HERE),
    ("forum/open", RESIDENTS_ANYWHERE),
    ("forum/hide", RUNS_DELIVERY),
    // Mutual aid: a request is the requester's, its building volunteer's and the staff's;
    // nobody else even learns it exists.
    ("help/post", RESIDENTS_ANYWHERE),
    ("help/hotline", ANY_STAFF),
    ("help/mine", SIGNED_IN),
    ("help/detail", &[Owner, Volunteer, Staff, Admin]),
    ("help/act", &[Owner, Volunteer, Staff, Admin]),
    ("help/thank", &[Owner]),
    ("help/board", &[Volunteer, FarVolunteer]),
    ("help/duty", &[Volunteer, FarVolunteer]),
    ("help/triage", ANY_STAFF),
    // The inbox and push: one's own.
    ("inbox/list", SIGNED_IN),
    ("inbox/open", &[Owner]),
    ("inbox/read-all", SIGNED_IN),
    ("push/key", SIGNED_IN),
    ("push/preferences", SIGNED_IN),
    ("push/save", SIGNED_IN),
    ("push/subscribe", SIGNED_IN),
    ("push/known", SIGNED_IN),
    ("push/remove", &[Owner]),
    // The service worker reports a push it showed with a signed token, not a session.
    ("push/receipt", &EVERYONE),
    // The magazine: drafts are the staff's.
    ("magazine/shelf", SIGNED_IN),
    ("magazine/issue", STAFF_HERE),
    ("magazine/start", ANY_STAFF),
    ("magazine/article", STAFF_HERE),
    ("magazine/publish", STAFF_HERE),
    // Social organisations: a filing waiting for review is its filer's and the reviewers'.
    ("orgs/directory", SIGNED_IN),
    ("orgs/view", &[Owner, Committee, Admin]),
    ("orgs/file", RESIDENTS_ANYWHERE),
    ("orgs/join", &[Owner, Committee]),
    ("orgs/decide", &[Committee, Admin]),
    // Places: read by anyone registering, changed by the street admin.
    ("places/directory", &EVERYONE),
    ("places/add_community", &[Admin]),
    ("places/add_building", &[Admin]),
    ("places/add_unit", &[Admin]),
    // Micro-projects.
    ("projects/home", SIGNED_IN),
    ("projects/results", SIGNED_IN),
    ("projects/ledger", SIGNED_IN),
    ("projects/detail", READERS_HERE),
    ("projects/draft", RESIDENTS_ANYWHERE),
    ("projects/edit", &[Owner]),
    ("projects/act", &[Neighbour, OtherBuilding, Volunteer, FarVolunteer, Committee]),
    ("projects/open-round", &[Admin]),
    ("projects/end-phase", &[Committee, Admin]),
    ("projects/review-queue", &[Committee]),
    ("projects/review", &[Committee]),
    ("projects/ballot", RESIDENTS_ANYWHERE),
    ("projects/cast", RESIDENTS_ANYWHERE),
    ("projects/paper-sheet", ANY_STAFF),
    ("projects/paper-ballot", STAFF_HERE),
    ("projects/start", RUNS_DELIVERY),
    ("projects/milestone", RUNS_DELIVERY),
    ("projects/milestone-done", RUNS_DELIVERY),
    ("projects/progress", RUNS_DELIVERY),
    ("projects/accept", RESIDENTS_HERE),
    ("projects/remove-photo", &[Owner]),
    // Services: residents request and rate their own; the service centre runs them.
    ("services/catalogue", SIGNED_IN),
    ("services/detail", READERS_HERE),
    ("services/request", RESIDENTS_HERE),
    ("services/act", STAFF_HERE),
    ("services/rate", &[Owner]),
    ("services/save", ANY_STAFF),
];

/// The people and places the rows act on.
struct World {
    app: TestApp,
    people: BTreeMap<Who, i64>,
    community: i64,
    building1: i64,
    outside_community: i64,
    round: i64,
    serial: AtomicU32,
}

impl World {
    async fn new(app: TestApp) -> World {
        let db = &app.state.db;
        let now = app.now();
        let mut people = BTreeMap::new();
        for (who, email) in [
            (Pending, "pending1"),
            (Owner, "resident1"),
            (Neighbour, "resident2"),
            (OtherBuilding, "resident4"),
            (Volunteer, "volunteer1"),
            (FarVolunteer, "volunteer2"),
            (Staff, "staff1"),
            (Committee, "committee1"),
            (Admin, "admin"),
        ] {
            people.insert(who, app.account_id(&format!("{email}@demo.jiayuan")).await);
        }
        let community =
            community::Entity::find().order_by_asc(community::Column::Id).one(db).await.unwrap().unwrap().id;
        let building1 = building::Entity::find()
            .filter(building::Column::CommunityId.eq(community))
            .order_by_asc(building::Column::Position)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id;
        // Another community of the street, with a resident and a staff member of its own.
        let name = |s: &str| PlaceName::parse(s).unwrap();
        let outside_community = places::add_community(db, name("蛇口测试社区"), None, None, now).await.unwrap();
        let outside_building = places::add_building(db, outside_community, name("1栋"), None).await.unwrap();
        let outside_unit = places::add_unit(db, outside_building, name("1单元"), None).await.unwrap();
        let hash = account::Entity::find_by_id(people[&Owner]).one(db).await.unwrap().unwrap().password_hash;
        let registration = accounts::Registration {
            contact: ContactPoint::parse("outsider@matrix.jiayuan").unwrap(),
            name: DisplayName::parse("海滨居民").unwrap(),
            password_hash: hash.clone(),
            building: outside_building,
            unit: outside_unit,
            room: RoomNumber::parse("101").unwrap(),
            locale: Locale::Zh,
        };
        let outsider = accounts::register(db, registration, accounts::InitialStatus::Verified, now).await.unwrap();
        people.insert(Outsider, outsider);
        let contact = ContactPoint::parse("outside-staff@matrix.jiayuan").unwrap();
        let staff = accounts::create_staff_account(db, contact, DisplayName::parse("海滨社工").unwrap(), hash, now)
            .await
            .unwrap();
        let admin: Principal = accounts::load_principal(db, people[&Admin]).await.unwrap().unwrap();
        roles::grant(db, &admin, staff, Role::Staff { community: app::model::CommunityId(outside_community) }, now)
            .await
            .unwrap();
        people.insert(OutsideStaff, staff);
        let world = World { app, people, community, building1, outside_community, round: 0, serial: AtomicU32::new(0) };
        let round = world.open_round().await;
        World { round, ..world }
    }

    fn next(&self) -> u32 {
        self.serial.fetch_add(1, Ordering::Relaxed)
    }

    /// A browser signed in as `who`, with a session of its own: a row that signs out or
    /// changes a setting touches only that session.
    async fn client(&self, who: Who) -> Client {
        if who == Anonymous {
            return self.app.client();
        }
        let token = sessions::start(&self.app.state.db, self.people[&who], self.app.now(), &self.app.state.policy)
            .await
            .unwrap();
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        jar.add_cookie_str(&format!("{}={token}", sessions::COOKIE), &self.app.address.parse().unwrap());
        let http = reqwest::Client::builder()
            .cookie_provider(jar)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Client { http, base: self.app.address.clone() }
    }

    async fn as_owner(&self, endpoint: &str, form: &[(&str, &str)]) {
        let reply = self.client(Owner).await.call(endpoint, form).await;
        assert!(
            reply.status.is_success() || reply.status.is_redirection(),
            "{endpoint}: {} {}",
            reply.status,
            reply.body
        );
    }

    async fn as_who(&self, who: Who, endpoint: &str, form: &[(&str, &str)]) {
        let reply = self.client(who).await.call(endpoint, form).await;
        assert!(
            reply.status.is_success() || reply.status.is_redirection(),
            "{endpoint} as {who:?}: {} {}",
            reply.status,
            reply.body
        );
    }

    async fn open_round(&self) -> i64 {
        let community = self.community.to_string();
        let form = crate::projects::round_form(&community, &[("round[support_threshold]", "2")]);
        self.as_who(Admin, "projects/open-round", &form).await;
        app::ssr::db::entities::funding_round::Entity::find().one(&self.app.state.db).await.unwrap().unwrap().id
    }

    async fn help_request(&self) -> i64 {
        let key = format!("matrix-help-{:04}", self.next());
        self.as_owner(
            "help/post",
            &[("category", "errand"), ("urgency", "today"), ("description", "请帮忙取一下快递"), ("key", &key)],
        )
        .await;
        let found =
            help_request::Entity::find().filter(help_request::Column::IdempotencyKey.eq(key)).one(&self.app.state.db);
        found.await.unwrap().unwrap().id
    }

    async fn alert(&self) -> i64 {
        let body = format!("1栋电梯停运，请走楼梯 {}", self.next());
        self.as_owner("alerts/post", &[("body", &body)]).await;
        let found = watch_alert::Entity::find().filter(watch_alert::Column::Body.eq(body)).one(&self.app.state.db);
        found.await.unwrap().unwrap().id
    }

    /// A proposal of the owner's: a draft, or submitted and collecting support.
    async fn proposal(&self, submit: bool) -> i64 {
        let title = format!("楼道加装扶手 {}", self.next());
        let form = crate::projects::titled_proposal(&title, "20000", "works");
        self.as_owner("projects/draft", &form).await;
        let found = proposal::Entity::find().filter(proposal::Column::Title.eq(title)).one(&self.app.state.db);
        let id = found.await.unwrap().unwrap().id;
        if submit {
            self.as_owner("projects/act", &[("id", &id.to_string()), ("action", "Submit")]).await;
        }
        id
    }

    /// A proposal with its two supports, waiting for the committee's review.
    async fn under_review(&self) -> i64 {
        let id = self.proposal(true).await;
        for who in [Neighbour, OtherBuilding] {
            self.as_who(who, "projects/act", &[("id", &id.to_string()), ("action", "Support")]).await;
        }
        id
    }

    async fn topic(&self) -> i64 {
        let title = format!("周末一起打扫花园 {}", self.next());
        self.as_owner("forum/open", &[("title", &title), ("body", "周末有没有人一起打扫中心花园？")]).await;
        let found = forum_topic::Entity::find().filter(forum_topic::Column::Title.eq(title)).one(&self.app.state.db);
        found.await.unwrap().unwrap().id
    }

    async fn comment(&self) -> i64 {
        let topic = self.topic().await.to_string();
        let body = format!("我带扫帚和手套 {}", self.next());
        self.as_owner("comments/post", &[("topic", &topic), ("body", &body)]).await;
        let found = comment::Entity::find().filter(comment::Column::Body.eq(body)).one(&self.app.state.db);
        found.await.unwrap().unwrap().id
    }

    async fn announcement(&self) -> i64 {
        let title = format!("停水通知 {}", self.next());
        self.as_who(
            Staff,
            "announcements/publish",
            &[("title", &title), ("body", "明天上午九点至十二点停水，请提前储水。")],
        )
        .await;
        let found = app::ssr::db::entities::announcement::Entity::find()
            .filter(app::ssr::db::entities::announcement::Column::Title.eq(title))
            .one(&self.app.state.db);
        found.await.unwrap().unwrap().id
    }

    async fn service(&self) -> i64 {
        let found = service_project::Entity::find().filter(service_project::Column::CommunityId.eq(self.community));
        found.one(&self.app.state.db).await.unwrap().unwrap().id
    }

    /// A request of the owner's, as the request form leaves it. Written directly: the form
    /// allows one open request per service, and the rows need more than there are services.
    async fn service_request(&self) -> i64 {
        let row = service_request::ActiveModel {
            service_id: Set(self.service().await),
            community_id: Set(self.community),
            requester_id: Set(self.people[&Owner]),
            details: Set("想预约下周二上午".into()),
            state: Set("submitted".into()),
            decline_reason: Set(None),
            handled_by: Set(None),
            rating: Set(None),
            rating_comment: Set(None),
            rated_at: Set(None),
            created_at: Set(self.app.now()),
            updated_at: Set(self.app.now()),
            ..Default::default()
        };
        row.insert(&self.app.state.db).await.unwrap().id
    }

    async fn organisation(&self) -> i64 {
        let name = format!("夕阳红合唱团{}", self.next());
        let purpose = "每周二、四下午在活动室排练，欢迎喜欢唱歌的邻居加入，不收费。";
        self.as_owner("orgs/file", &[("name", &name), ("kind", "culture_sports"), ("purpose", purpose)]).await;
        let found = organisation::Entity::find().filter(organisation::Column::Name.eq(name)).one(&self.app.state.db);
        found.await.unwrap().unwrap().id
    }

    async fn magazine_issue(&self) -> i64 {
        let title = format!("《家园》冬季号 {}", self.next());
        let intro = "本期介绍社区的冬季活动、志愿者故事和民生微实事的进展。欢迎居民投稿。";
        self.as_who(Staff, "magazine/start", &[("title", &title), ("season", "2026Q4"), ("intro", intro)]).await;
        let found =
            magazine_issue::Entity::find().filter(magazine_issue::Column::Title.eq(title)).one(&self.app.state.db);
        found.await.unwrap().unwrap().id
    }

    async fn notification(&self) -> i64 {
        let text = |_: Locale| ("通知".to_owned(), "正文".to_owned());
        let notice = app::ssr::notifications::Notice {
            topic: app::notifications::Topic::MyRequests,
            urgent: false,
            url: "/help",
            text: &text,
        };
        app::ssr::notifications::notify(&self.app.state.db, &[self.people[&Owner]], notice, self.app.now())
            .await
            .unwrap();
        let found = notification::Entity::find().order_by_desc(notification::Column::Id).one(&self.app.state.db);
        found.await.unwrap().unwrap().id
    }

    async fn pending_person(&self) -> i64 {
        let n = self.next();
        let registration = accounts::Registration {
            contact: ContactPoint::parse(&format!("waiting{n}@matrix.jiayuan")).unwrap(),
            name: DisplayName::parse("等待审核的居民").unwrap(),
            password_hash: "x".into(),
            building: self.building1,
            unit: unit::Entity::find()
                .filter(unit::Column::BuildingId.eq(self.building1))
                .one(&self.app.state.db)
                .await
                .unwrap()
                .unwrap()
                .id,
            room: RoomNumber::parse(&format!("{}", 900 + n)).unwrap(),
            locale: Locale::Zh,
        };
        accounts::register(&self.app.state.db, registration, accounts::InitialStatus::Pending, self.app.now())
            .await
            .unwrap()
    }

    async fn verified_person(&self) -> i64 {
        let n = self.next();
        let registration = accounts::Registration {
            contact: ContactPoint::parse(&format!("neighbour{n}@matrix.jiayuan")).unwrap(),
            name: DisplayName::parse("新邻居").unwrap(),
            password_hash: "x".into(),
            building: self.building1,
            unit: unit::Entity::find()
                .filter(unit::Column::BuildingId.eq(self.building1))
                .one(&self.app.state.db)
                .await
                .unwrap()
                .unwrap()
                .id,
            room: RoomNumber::parse(&format!("{}", 800 + n)).unwrap(),
            locale: Locale::Zh,
        };
        accounts::register(&self.app.state.db, registration, accounts::InitialStatus::Verified, self.app.now())
            .await
            .unwrap()
    }

    async fn role_grant(&self) -> i64 {
        let person = self.verified_person().await;
        let admin: Principal =
            accounts::load_principal(&self.app.state.db, self.people[&Admin]).await.unwrap().unwrap();
        let role = Role::Volunteer {
            community: app::model::CommunityId(self.community),
            building: app::model::BuildingId(self.building1),
        };
        roles::grant(&self.app.state.db, &admin, person, role, self.app.now()).await.unwrap();
        let found = role_grant::Entity::find().filter(role_grant::Column::AccountId.eq(person)).one(&self.app.state.db);
        found.await.unwrap().unwrap().id
    }

    async fn milestone(&self) -> i64 {
        let proposal = self.proposal(true).await;
        let row = project_milestone::ActiveModel {
            proposal_id: Set(proposal),
            title: Set("采购扶手".into()),
            due_at: Set(self.app.now() + chrono::Duration::days(30)),
            done_at: Set(None),
            ..Default::default()
        };
        row.insert(&self.app.state.db).await.unwrap().id
    }

    async fn photo(&self) -> i64 {
        let proposal = self.proposal(true).await;
        let row = photo::ActiveModel {
            subject_kind: Set("proposal".into()),
            subject_id: Set(proposal),
            uploader_id: Set(self.people[&Owner]),
            content_type: Set("image/jpeg".into()),
            width: Set(1),
            height: Set(1),
            bytes: Set(vec![0xFF, 0xD8, 0xFF, 0xD9]),
            created_at: Set(self.app.now()),
            ..Default::default()
        };
        row.insert(&self.app.state.db).await.unwrap().id
    }

    async fn push_subscription(&self) -> i64 {
        let key = app::ssr::db::entities::vapid_key::Entity::find().one(&self.app.state.db).await.unwrap().unwrap().id;
        let row = push_subscription::ActiveModel {
            account_id: Set(self.people[&Owner]),
            endpoint: Set(format!("https://push.example.cn/{}", self.next())),
            p256dh: Set("BAAA".into()),
            auth: Set("AAAA".into()),
            vapid_key_id: Set(key),
            label: Set("手机".into()),
            created_at: Set(self.app.now()),
            last_success_at: Set(None),
            failures: Set(0),
            needs_renewal: Set(false),
            session_key: Set(None),
            ..Default::default()
        };
        row.insert(&self.app.state.db).await.unwrap().id
    }

    /// The form a row sends, making the objects it acts on.
    async fn form(&self, endpoint: &str) -> Vec<(String, String)> {
        let n = self.next();
        let s = |v: &str| v.to_owned();
        let id = |v: i64| vec![(s("id"), v.to_string())];
        let mut form: Vec<(String, String)> = match endpoint {
            "accounts/register" => vec![
                (s("contact"), format!("new{n}@matrix.jiayuan")),
                (s("name"), s("新居民")),
                (s("password"), s("a-long-enough-password")),
                (s("building_id"), self.building1.to_string()),
                (
                    s("unit_id"),
                    unit::Entity::find()
                        .filter(unit::Column::BuildingId.eq(self.building1))
                        .one(&self.app.state.db)
                        .await
                        .unwrap()
                        .unwrap()
                        .id
                        .to_string(),
                ),
                (s("room"), format!("{}", 700 + n)),
                (s("consent"), s("yes")),
            ],
            "accounts/login" => {
                vec![(s("identifier"), s("nobody@matrix.jiayuan")), (s("password"), s("wrong-password"))]
            }
            "accounts/change_password" => {
                vec![(s("current_password"), s("wrong-password")), (s("new_password"), s("another-long-password"))]
            }
            "accounts/delete" => vec![(s("password"), s("wrong-password")), (s("confirm"), s("yes"))],
            "accounts/elderly" => vec![(s("on"), s("true"))],
            "accounts/language" => vec![(s("lang"), s("en"))],
            "accounts/second_step" | "accounts/two_step_confirm" => vec![(s("code"), s("000000"))],
            "accounts/two_step_off" => vec![(s("password"), s("wrong-password"))],
            "console/require_two_step" => vec![(s("required"), s("0"))],
            "console/reset_two_step" => vec![(s("account_id"), self.people[&Staff].to_string())],
            "alerts/post" => vec![(s("body"), s("2栋门禁坏了，请注意"))],
            "alerts/reply" => vec![(s("id"), self.alert().await.to_string()), (s("body"), s("已经报修了"))],
            "alerts/report" => id(self.alert().await),
            "alerts/hide" => vec![(s("id"), self.alert().await.to_string()), (s("reason"), s("广告内容"))],
            "announcements/view" => id(self.announcement().await),
            "announcements/publish" => {
                vec![(s("title"), s("停电通知")), (s("body"), s("明天下午两点至四点停电，请提前做好准备。"))]
            }
            "announcements/pin" => vec![(s("id"), self.announcement().await.to_string()), (s("pinned"), s("true"))],
            "console/verify" => vec![(s("account_id"), self.pending_person().await.to_string())],
            "console/reject" => {
                vec![(s("account_id"), self.pending_person().await.to_string()), (s("reason"), s("地址与房产信息不符"))]
            }
            "console/grant_role" => vec![
                (s("account_id"), self.verified_person().await.to_string()),
                (s("role"), s("volunteer")),
                (s("building_id"), self.building1.to_string()),
            ],
            "console/revoke_role" => vec![(s("grant_id"), self.role_grant().await.to_string())],
            "comments/thread" => vec![(s("proposal"), self.proposal(true).await.to_string())],
            "comments/post" => {
                vec![(s("topic"), self.topic().await.to_string()), (s("body"), s("我也来帮忙，带上工具"))]
            }
            "comments/report" => id(self.comment().await),
            "comments/hide" => vec![(s("id"), self.comment().await.to_string()), (s("reason"), s("人身攻击"))],
            "forum/open" => vec![
                (s("title"), format!("旧物交换 {n}")),
                (s("body"), s("周六上午在中心花园交换旧物，欢迎大家参加。")),
            ],
            "forum/topic" => id(self.topic().await),
            "forum/hide" => vec![(s("id"), self.topic().await.to_string()), (s("reason"), s("广告内容"))],
            "help/post" => vec![
                (s("category"), s("errand")),
                (s("urgency"), s("today")),
                (s("description"), s("请帮忙去药店买感冒药")),
                (s("key"), format!("matrix-post-{n:04}")),
            ],
            "help/hotline" => vec![
                (s("resident"), s("resident1@demo.jiayuan")),
                (s("consent"), s("yes")),
                (s("category"), s("check_in")),
                (s("urgency"), s("today")),
                (s("description"), s("电话求助：请上门看看")),
                (s("key"), format!("matrix-hotline-{n:04}")),
            ],
            "help/detail" => id(self.help_request().await),
            "help/act" => vec![(s("id"), self.help_request().await.to_string()), (s("action"), s("Claim"))],
            "help/thank" => vec![
                (s("id"), self.help_request().await.to_string()),
                (s("rating"), s("5")),
                (s("thanks"), s("谢谢！")),
            ],
            "help/duty" => vec![(s("on_duty"), s("true"))],
            "magazine/issue" => id(self.magazine_issue().await),
            "magazine/start" => vec![
                (s("title"), format!("《家园》春季号 {n}")),
                (s("season"), s("2027Q1")),
                (s("intro"), s("本期介绍社区的春季活动、志愿者故事和民生微实事的进展。欢迎居民投稿。")),
            ],
            "magazine/article" => vec![
                (s("issue"), self.magazine_issue().await.to_string()),
                (s("title"), s("楼道扶手装好了")),
                (s("byline"), s("王阿姨")),
                (s("body"), s("一栋的楼道扶手在十一月装好了，老人们上下楼方便多了。感谢大家的支持。")),
            ],
            "magazine/publish" => id(self.magazine_issue().await),
            "inbox/open" => id(self.notification().await),
            "push/subscribe" => vec![
                (s("endpoint"), s("https://push.example.cn/subscription")),
                (s("p256dh"), s("BAAA")),
                (s("auth"), s("AAAA")),
            ],
            "push/known" => vec![(s("endpoint"), s("https://push.example.cn/subscription"))],
            "push/remove" => id(self.push_subscription().await),
            "push/receipt" => vec![(s("token"), s("not-a-receipt"))],
            "orgs/view" => id(self.organisation().await),
            "orgs/file" => vec![
                (s("name"), format!("太极拳队{n}")),
                (s("kind"), s("culture_sports")),
                (s("purpose"), s("每天早上七点在中心花园练太极拳，欢迎邻居一起来，不收费。")),
            ],
            "orgs/decide" => vec![(s("id"), self.organisation().await.to_string()), (s("decision"), s("approve"))],
            "orgs/join" => id(self.organisation().await),
            "places/add_community" => {
                vec![(s("name_zh"), format!("新社区{n}")), (s("name_en"), s("")), (s("service_phone"), s(""))]
            }
            "places/add_building" => vec![
                (s("community_id"), self.community.to_string()),
                (s("name_zh"), format!("{}栋", 20 + n)),
                (s("name_en"), s("")),
            ],
            "places/add_unit" => vec![
                (s("building_id"), self.building1.to_string()),
                (s("name_zh"), format!("{}单元", 20 + n)),
                (s("name_en"), s("")),
            ],
            "projects/open-round" => {
                // A round for the other community: only street admins may open one there.
                let community = self.outside_community.to_string();
                let form =
                    crate::projects::round_form(&community, &[("round[title]", "海滨第一轮"), ("round[service]", "")]);
                form.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (s(k), s(v))).collect()
            }
            "projects/draft" | "projects/edit" => {
                let title = format!("门前加装座椅 {n}");
                let mut form: Vec<(String, String)> = crate::projects::titled_proposal(&title, "8000", "works")
                    .into_iter()
                    .map(|(k, v)| (s(k), s(v)))
                    .collect();
                if endpoint == "projects/edit" {
                    form.push((s("id"), self.proposal(false).await.to_string()));
                }
                form
            }
            "projects/detail" => id(self.proposal(true).await),
            "projects/act" => vec![(s("id"), self.proposal(true).await.to_string()), (s("action"), s("Support"))],
            "projects/review" => vec![
                (s("id"), self.under_review().await.to_string()),
                (s("decision"), s("feasible")),
                (s("reviewed_cost"), s("20000")),
            ],
            "projects/cast" => vec![(s("picks[0]"), self.proposal(true).await.to_string())],
            "projects/paper-ballot" => vec![
                (s("community"), self.community.to_string()),
                (s("picks[0]"), self.proposal(true).await.to_string()),
            ],
            "projects/end-phase" => vec![(s("round"), self.round.to_string())],
            "projects/start" => {
                vec![(s("id"), self.proposal(true).await.to_string()), (s("provider"), s("深圳市安居工程队"))]
            }
            "projects/milestone" => vec![
                (s("id"), self.proposal(true).await.to_string()),
                (s("title"), s("采购材料")),
                (s("due"), s("2027-03-31")),
            ],
            "projects/milestone-done" => vec![(s("milestone"), self.milestone().await.to_string())],
            "projects/progress" => vec![
                (s("id"), self.proposal(true).await.to_string()),
                (s("percent"), s("50")),
                (s("spent"), s("5000")),
                (s("note"), s("材料已到位，开始安装")),
            ],
            "projects/accept" => vec![
                (s("id"), self.proposal(true).await.to_string()),
                (s("verdict"), s("accept")),
                (s("rating"), s("5")),
            ],
            "projects/remove-photo" => vec![(s("photo"), self.photo().await.to_string())],
            "services/detail" => id(self.service().await),
            "services/request" => {
                vec![(s("service"), self.service().await.to_string()), (s("details"), s("想预约下周二上午上门"))]
            }
            "services/act" => vec![(s("id"), self.service_request().await.to_string()), (s("action"), s("accept"))],
            "services/rate" => vec![(s("id"), self.service_request().await.to_string()), (s("stars"), s("5"))],
            "services/save" => vec![
                (s("name_zh"), format!("理发服务{n}")),
                (s("summary_zh"), s("每月第一个周三上午在活动室为老人免费理发。")),
            ],
            _ => vec![],
        };
        if matches!(endpoint, "alerts/post" | "alerts/reply" | "comments/post") {
            form.push((s("key"), format!("matrix-key-{n:06}")));
        }
        form
    }
}

/// Every table's row count but the sessions' (the rows make sessions for their callers), and
/// the states of the objects with lifecycles: what a refused call must leave as it was.
async fn fingerprint(world: &World) -> Vec<String> {
    const TABLES: &[&str] = &[
        "acceptance_verdicts",
        "accounts",
        "alert_replies",
        "alert_reports",
        "announcements",
        "audit_log",
        "ballots",
        "ballot_picks",
        "buildings",
        "comments",
        "comment_reports",
        "communities",
        "form_submissions",
        "forum_topics",
        "funding_rounds",
        "help_events",
        "help_requests",
        "magazine_articles",
        "magazine_issues",
        "notifications",
        "notification_mutes",
        "notification_settings",
        "organisations",
        "organisation_members",
        "photos",
        "project_milestones",
        "project_updates",
        "proposals",
        "proposal_events",
        "proposal_supports",
        "providers",
        "push_subscriptions",
        "role_grants",
        "service_projects",
        "service_requests",
        "units",
        "volunteer_duty",
        "watch_alerts",
    ];
    let mut sql: Vec<String> = TABLES.iter().map(|t| format!("SELECT '{t}' AS k, COUNT(*) AS n FROM {t}")).collect();
    for (table, column) in [
        ("help_requests", "state"),
        ("proposals", "state"),
        ("accounts", "status"),
        ("service_requests", "state"),
        ("organisations", "state"),
    ] {
        sql.push(format!("SELECT '{table}.' || {column} AS k, COUNT(*) AS n FROM {table} GROUP BY {column}"));
    }
    let db = &world.app.state.db;
    let statement = sea_orm::Statement::from_string(db.get_database_backend(), sql.join(" UNION ALL "));
    let mut rows: Vec<String> = sea_orm::ConnectionTrait::query_all_raw(db, statement)
        .await
        .unwrap()
        .iter()
        .map(|r| format!("{}={}", r.try_get::<String>("", "k").unwrap(), r.try_get::<i64>("", "n").unwrap()))
        .collect();
    rows.sort();
    rows
}

/// What the server made of the call: got past the rules, or refused by them.
fn got_past(status: reqwest::StatusCode, body: &str) -> bool {
    assert!(!status.is_server_error(), "{status} {body}");
    if status.is_success() || status.is_redirection() {
        return true;
    }
    let refused = matches!(
        serde_json::from_str::<AppError>(body),
        Ok(AppError::Unauthenticated | AppError::Forbidden | AppError::NotVerified | AppError::NotFound)
    );
    !refused
}

/// Every row's refused callers first (each must leave the object as it was), then the
/// allowed ones.
async fn check_matrix(world: &World) {
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let record = std::env::var("JIAYUAN_MATRIX_RECORD").is_ok();
    let rows: BTreeMap<&str, &[Who]> = MATRIX.iter().copied().collect();
    let mut missing: Vec<&String> = registered.iter().filter(|p| !rows.contains_key(p.as_str())).collect();
    missing.sort();
    let mut endpoints: Vec<String> = registered.clone();
    endpoints.sort();
    // Ending the round's phase last: the rows before need it open.
    endpoints.sort_by_key(|e| e == "projects/end-phase");
    let mut wrong = vec![];
    for endpoint in &endpoints {
        let Some(allowed) = rows.get(endpoint.as_str()).copied().or(record.then_some(&[][..])) else { continue };
        let mut order: Vec<Who> = EVERYONE.iter().copied().filter(|w| !allowed.contains(w)).collect();
        order.extend(EVERYONE.iter().copied().filter(|w| allowed.contains(w)));
        let mut passed = vec![];
        for who in order {
            let form = world.form(endpoint).await;
            let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let client = world.client(who).await;
            let before = fingerprint(world).await;
            let reply = client.call(endpoint, &fields).await;
            let past = got_past(reply.status, &reply.body);
            if !past && fingerprint(world).await != before {
                wrong.push(format!("{endpoint} as {who:?} was refused but changed something"));
            }
            if past {
                passed.push(who);
            }
            if past != allowed.contains(&who) && !record {
                wrong.push(format!(
                    "{endpoint} as {who:?}: {} {}",
                    reply.status,
                    reply.body.chars().take(120).collect::<String>()
                ));
            }
        }
        if record {
            passed.sort();
            println!("    (\"{endpoint}\", &{passed:?}),");
        }
    }
    assert!(missing.is_empty() || record, "server functions without a row in the matrix: {missing:?}");
    assert!(wrong.is_empty(), "{} cells differ from the matrix:\n{}", wrong.len(), wrong.join("\n"));
}

on_both_backends! {
    async fn every_server_function_refuses_everyone_the_matrix_does_not_allow(app) {
        check_matrix(&World::new(app.unlimited().await).await).await;
    }
}
