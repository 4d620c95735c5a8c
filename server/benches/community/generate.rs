//! A street the size the benchmarks ask for: communities of 40 buildings, their residents,
//! one volunteer per building, help requests spread over two years (nearly all finished, a
//! few open on every board) and proposals with supports and comments. Written in chunks of
//! multi-row inserts through the same entities the app uses, on either backend.

use app::authz::Principal;
use app::deliberation::Stance;
use app::domain::PlaceName;
use app::help::HelpState;
use app::model::{AccountId, AccountStatus, BuildingId, CommunityId, Role};
use app::projects::ProposalState;
use app::ssr::db::entities::{
    account, building, comment, funding_round, help_request, proposal, proposal_support, unit,
};
use app::ssr::{places, roles, seed};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

pub const PASSWORD: &str = "bench-password";
/// Open requests per building: what a volunteer's board shows.
const OPEN_PER_BUILDING: usize = 2;
const SUPPORTS_PER_PROPOSAL: usize = 20;
const COMMENTS_PER_PROPOSAL: usize = 5;
/// Rows per insert: under SQLite's 32,766 bound parameters for the widest table.
const CHUNK: usize = 1_000;

#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub communities: usize,
    pub buildings_per_community: usize,
    pub residents: usize,
    pub help_requests: usize,
    pub proposals: usize,
}

impl Size {
    /// The street: 150,000 residents in 400 buildings, 1,000,000 help requests, 5,000
    /// proposals.
    pub const STREET: Size = Size {
        communities: 10,
        buildings_per_community: 40,
        residents: 150_000,
        help_requests: 1_000_000,
        proposals: 5_000,
    };

    pub fn with_help_requests(self, help_requests: usize) -> Size {
        Size { help_requests, ..self }
    }
}

/// What the benchmarks open (people to sign in as, a proposal), and what adding more help
/// requests needs.
pub struct Street {
    /// The volunteer of the first building; `resident` lives there too.
    pub volunteer: String,
    pub resident: String,
    /// A social worker of the first community, who broadcasts announcements.
    pub staff: String,
    pub proposal: i64,
    /// (community, building, entrance) of every building.
    homes: Vec<(i64, i64, i64)>,
    /// (account, community, building) of every generated resident, in id order.
    residents: Vec<(i64, i64, i64)>,
    /// The volunteer of each building, in `homes` order.
    volunteers: Vec<i64>,
    pub help_requests: usize,
}

fn place(name: &str) -> PlaceName {
    PlaceName::parse(name).expect("generated names are valid")
}

pub async fn insert_chunks<A>(db: &DatabaseConnection, rows: Vec<A>) -> anyhow::Result<()>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(())
}

/// The demo street (its admin signs the grants) grown to `size`.
pub async fn generate(db: &DatabaseConnection, size: Size, now: DateTime<Utc>) -> anyhow::Result<Street> {
    seed::seed_demo(db, now).await?;
    let admin = account::Entity::find()
        .filter(account::Column::Email.eq("admin@demo.jiayuan"))
        .one(db)
        .await?
        .expect("the demo has a street admin");
    let seeder = Principal {
        account: AccountId(admin.id),
        status: AccountStatus::Verified,
        community: None,
        building: None,
        roles: vec![Role::Admin { community: None }],
    };

    // Places: every community gets its 40 buildings of two entrances.
    let mut communities =
        app::ssr::db::entities::community::Entity::find().all(db).await?.into_iter().map(|c| c.id).collect::<Vec<_>>();
    while communities.len() < size.communities {
        let n = communities.len() + 1;
        communities.push(places::add_community(db, place(&format!("测试社区{n}")), None, None, now).await?);
    }
    communities.truncate(size.communities);
    let mut homes = vec![]; // (community, building, unit)
    for &community in &communities {
        let existing = building::Entity::find().filter(building::Column::CommunityId.eq(community)).all(db).await?;
        for n in existing.len() + 1..=size.buildings_per_community {
            let b = places::add_building(db, community, place(&format!("{n}栋")), None).await?;
            for u in 1..=2 {
                places::add_unit(db, b, place(&format!("{u}单元")), None).await?;
            }
        }
        for b in building::Entity::find().filter(building::Column::CommunityId.eq(community)).all(db).await? {
            let entrance =
                unit::Entity::find().filter(unit::Column::BuildingId.eq(b.id)).one(db).await?.expect("an entrance");
            homes.push((community, b.id, entrance.id));
        }
    }

    // Residents, round-robin over the buildings; the first of each building volunteers.
    let hash = app::ssr::passwords::hash(&app::domain::Password::parse(PASSWORD).expect("valid")).await?;
    let people: Vec<account::ActiveModel> = (0..size.residents)
        .map(|n| {
            let (community, building, unit) = homes[n % homes.len()];
            account::ActiveModel {
                id: NotSet,
                display_name: Set(format!("居民{n}")),
                phone: Set(None),
                email: Set(Some(format!("r{n}@bench.jiayuan"))),
                password_hash: Set(hash.clone()),
                community_id: Set(Some(community)),
                building_id: Set(Some(building)),
                unit_id: Set(Some(unit)),
                room: Set(Some(format!("{}", 101 + n / homes.len()))),
                status: Set(AccountStatus::Verified.as_str().to_owned()),
                rejection_reason: Set(None),
                decided_by: Set(Some(admin.id)),
                decided_at: Set(Some(now)),
                locale: Set("zh-CN".to_owned()),
                privacy_version: Set(Some(app::ssr::accounts::PRIVACY_VERSION.to_owned())),
                privacy_consented_at: Set(Some(now)),
                elderly_mode: Set(false),
                created_at: Set(now - Duration::days(800)),
                updated_at: Set(now),
            }
        })
        .collect();
    insert_chunks(db, people).await?;
    let residents: Vec<(i64, i64, i64)> = account::Entity::find()
        .filter(account::Column::Email.like("%@bench.jiayuan"))
        .order_by_asc(account::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.community_id.unwrap_or_default(), a.building_id.unwrap_or_default()))
        .collect();
    let per_building = |b: usize| residents.iter().skip(b).step_by(homes.len());
    let mut volunteers = vec![];
    for (b, &(community, building, _)) in homes.iter().enumerate() {
        let &(volunteer, _, _) = per_building(b).next().expect("every building has residents");
        let role = Role::Volunteer { community: CommunityId(community), building: BuildingId(building) };
        roles::grant(db, &seeder, volunteer, role, now).await?;
        volunteers.push(volunteer);
    }

    let mut street = Street {
        volunteer: String::new(),
        resident: String::new(),
        staff: String::new(),
        proposal: 0,
        homes,
        residents,
        volunteers,
        help_requests: 0,
    };
    add_help_requests(db, &mut street, size.help_requests, now).await?;
    let (homes, residents) = (&street.homes, &street.residents);

    // Proposals: one round collecting in each community, its share of the proposals, each
    // with supports and comments from its neighbours.
    let mut rounds = vec![];
    for &community in &communities {
        let round = funding_round::ActiveModel {
            id: NotSet,
            community_id: Set(community),
            title: Set("2027 年民生微实事".to_owned()),
            budget_fen: Set(100_000 * 100),
            cost_cap_fen: Set(30_000 * 100),
            support_threshold: Set(10),
            support_window_days: Set(30),
            allow_service: Set(true),
            allow_goods: Set(true),
            allow_works: Set(true),
            collecting_until: Set(now + Duration::days(30)),
            review_until: Set(now + Duration::days(60)),
            notice_until: Set(now + Duration::days(75)),
            voting_until: Set(now + Duration::days(90)),
            implementation_until: Set(now + Duration::days(270)),
            evaluation_until: Set(now + Duration::days(300)),
            created_by: Set(admin.id),
            created_at: Set(now - Duration::days(10)),
            tallied_at: Set(None),
        }
        .insert(db)
        .await?;
        rounds.push((community, round.id));
    }
    // Each community's residents, gathered once rather than filtered out per proposal.
    let mut by_community: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    for &(account, community, _) in residents {
        by_community.entry(community).or_default().push(account);
    }
    let in_community = |c: i64| by_community[&c].iter().copied();
    let proposals: Vec<proposal::ActiveModel> = (0..size.proposals)
        .map(|n| {
            let (community, round) = rounds[n % rounds.len()];
            let author = in_community(community).nth(n / rounds.len()).expect("enough residents");
            proposal::ActiveModel {
                id: NotSet,
                round_id: Set(round),
                community_id: Set(community),
                author_id: Set(author),
                title: Set(format!("楼道加装扶手（{n}号）")),
                description: Set("楼里老人多，楼道没有扶手，上下楼容易摔倒。建议在一至六层加装不锈钢扶手。".to_owned()),
                category: Set("works".to_owned()),
                location: Set("楼道".to_owned()),
                estimated_cost_fen: Set(20_000 * 100),
                reviewed_cost_fen: Set(None),
                beneficiaries: Set("楼里的老人，约 40 人".to_owned()),
                state: Set(ProposalState::CollectingSupport.as_str().to_owned()),
                sub_committee: Set(None),
                review_note: Set(None),
                reviewer_id: Set(None),
                supports: Set(SUPPORTS_PER_PROPOSAL as i32),
                submitted_at: Set(Some(now - Duration::days(5))),
                support_deadline: Set(Some(now + Duration::days(25))),
                version: Set(1),
                created_at: Set(now - Duration::days(6)),
                updated_at: Set(now - Duration::days(5)),
                provider_id: Set(None),
                progress_percent: Set(0),
                spent_fen: Set(0),
                delivered_at: Set(None),
                acceptance_until: Set(None),
                delivery_attempt: Set(0),
            }
        })
        .collect();
    insert_chunks(db, proposals).await?;
    let written = proposal::Entity::find().order_by_asc(proposal::Column::Id).all(db).await?;
    let mut supports = vec![];
    let mut comments = vec![];
    for p in &written {
        let neighbours: Vec<i64> = in_community(p.community_id)
            .filter(|&a| a != p.author_id)
            .skip((p.id as usize * 7) % 500)
            .take(SUPPORTS_PER_PROPOSAL)
            .collect();
        for &a in &neighbours {
            supports.push(proposal_support::ActiveModel {
                proposal_id: Set(p.id),
                account_id: Set(a),
                created_at: Set(now - Duration::days(4)),
            });
        }
        for (i, &a) in neighbours.iter().take(COMMENTS_PER_PROPOSAL).enumerate() {
            comments.push(comment::ActiveModel {
                id: NotSet,
                subject_kind: Set("proposal".to_owned()),
                subject_id: Set(p.id),
                community_id: Set(p.community_id),
                author_id: Set(a),
                parent_id: Set(None),
                stance: Set(Some(Stance::ALL[i % 3].as_str().to_owned())),
                body: Set("支持！我家老人上下楼也很吃力，希望尽快装上。".to_owned()),
                reports: Set(0),
                hidden_at: Set(None),
                hidden_by: Set(None),
                hidden_reason: Set(None),
                created_at: Set(now - Duration::days(3) + Duration::minutes(i as i64)),
            });
        }
    }
    insert_chunks(db, supports).await?;
    insert_chunks(db, comments).await?;

    let email_of = |id: i64| format!("r{}@bench.jiayuan", residents.iter().position(|r| r.0 == id).unwrap_or_default());
    let volunteer = email_of(street.volunteers[0]);
    let resident = email_of(residents[homes.len()].0);
    let (staff_id, _, _) = residents[2 * homes.len()];
    roles::grant(db, &seeder, staff_id, Role::Staff { community: CommunityId(communities[0]) }, now).await?;
    let staff = email_of(staff_id);
    let proposal = written.iter().find(|p| p.community_id == communities[0]).map(|p| p.id).unwrap_or_default();
    Ok(Street { volunteer, resident, staff, proposal, ..street })
}

impl Street {
    /// Up to `count` residents of the first community, the staff member's.
    pub fn neighbours(&self, count: usize) -> Vec<i64> {
        let first = self.homes[0].0;
        self.residents.iter().filter(|r| r.1 == first).map(|r| r.0).take(count).collect()
    }
}

/// Adds `count` help requests. The first ones of a street are open on the boards (the newest,
/// `OPEN_PER_BUILDING` a building); the rest are history spread over the two years before:
/// finished with the building's volunteer, expired or cancelled. Adding history leaves every
/// board as it was, so a board's speed can be compared at two sizes.
pub async fn add_help_requests(
    db: &DatabaseConnection,
    street: &mut Street,
    count: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let buildings = street.homes.len();
    let open = OPEN_PER_BUILDING * buildings;
    let first = street.help_requests;
    let total = first + count;
    let mut next = first;
    while next < total {
        let end = (next + 50_000).min(total);
        let rows: Vec<help_request::ActiveModel> = (next..end)
            .map(|n| {
                let b = n % buildings;
                let (community, building, _) = street.homes[b];
                let requester = street.residents[(b + buildings * (1 + n % 50)) % street.residents.len()].0;
                let is_open = n < open;
                let created = if is_open {
                    now - Duration::minutes((n / buildings) as i64 * 20 + 5)
                } else {
                    now - Duration::days(1) - Duration::minutes(((n - open) % 1_051_200) as i64)
                };
                let (state, volunteer) = match (is_open, n % 10) {
                    (true, _) => (HelpState::Open, None),
                    (false, 0) => (HelpState::Expired, None),
                    (false, 1) => (HelpState::Cancelled, None),
                    _ => (HelpState::Resolved, Some(street.volunteers[b])),
                };
                help_request::ActiveModel {
                    id: NotSet,
                    community_id: Set(community),
                    building_id: Set(building),
                    requester_id: Set(requester),
                    created_by: Set(requester),
                    via_hotline: Set(false),
                    category: Set(["errand", "escort", "repair", "check_in"][n % 4].to_owned()),
                    urgency: Set(["today", "this_week", "anytime", "urgent"][n % 4].to_owned()),
                    description: Set(format!("请帮忙取一下快递，放在门口就好，谢谢！（第{n}次）")),
                    window_start: Set(None),
                    window_end: Set(None),
                    state: Set(state.as_str().to_owned()),
                    volunteer_id: Set(volunteer),
                    claimed_at: Set(volunteer.map(|_| created + Duration::minutes(12))),
                    done_reported_at: Set(volunteer.map(|_| created + Duration::minutes(70))),
                    volunteer_minutes: Set(volunteer.map(|_| 30)),
                    finished_at: Set((!is_open).then_some(created + Duration::hours(2))),
                    escalation_level: Set(0),
                    next_escalation_at: Set(None),
                    expires_at: Set(created + Duration::days(3)),
                    thanks: Set(None),
                    rating: Set(volunteer.map(|_| 5)),
                    idempotency_key: Set(format!("bench-{n}")),
                    version: Set(1),
                    created_at: Set(created),
                    updated_at: Set(created + Duration::hours(2)),
                    call_listed_at: Set(None),
                }
            })
            .collect();
        insert_chunks(db, rows).await?;
        next = end;
    }
    street.help_requests = total;
    Ok(())
}
