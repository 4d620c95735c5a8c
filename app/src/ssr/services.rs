//! Community services 社区综合服务平台: the catalogue, residents' requests through their
//! lifecycle (`crate::services::lifecycle`), ratings, and the committee's supervision.

use super::audit::{self, AuditEvent};
use super::db::entities::{account, service_project, service_request};
use super::notifications::{self, Notice, Topic};
use super::places::pick;
use super::shown_time as local;
use crate::authz::{self, Action, CommunityScope, Principal};
use crate::domain::{Reason, ServiceDetails, ServiceName, ServiceSummary, ShortNote};
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use crate::model::CommunityId;
use crate::services::lifecycle::TransitionError;
use crate::services::{
    MyServiceRequest, Quarter, Rated, ServiceAction, ServiceCard, ServiceCatalogue, ServiceDetail, ServiceQueue,
    ServiceQueueItem, ServiceRequestState, ServiceRole, ServiceTexts, SupervisionPage, supervise, transition,
};
use chrono::{DateTime, Datelike, FixedOffset, TimeZone, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// A resident's own requests listed on the service pages.
const MINE: u64 = 50;

fn card(s: &service_project::Model, locale: Locale) -> ServiceCard {
    ServiceCard {
        id: s.id,
        name: pick(locale, &s.name_zh, &s.name_en),
        summary: pick(locale, &s.summary_zh, &s.summary_en),
        active: s.active,
    }
}

fn state_of(r: &service_request::Model) -> ServiceRequestState {
    ServiceRequestState::parse(&r.state).unwrap_or(ServiceRequestState::Submitted)
}

/// The service, if the caller may see it: residents of its community (active ones) and its
/// service centre (all).
async fn visible(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<service_project::Model> {
    let s = service_project::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let community = CommunityId(s.community_id);
    let staff = authz::permits(Some(who), Action::RunServices { community });
    let home = who.community == Some(community) || authz::console_communities(who).contains(community);
    if !home || (!s.active && !staff) {
        return Err(AppError::NotFound);
    }
    Ok(s)
}

async fn mine(
    db: &impl ConnectionTrait,
    who: &Principal,
    service: Option<i64>,
    locale: Locale,
) -> AppResult<Vec<MyServiceRequest>> {
    let mut query = service_request::Entity::find().filter(service_request::Column::RequesterId.eq(who.account.0));
    if let Some(service) = service {
        query = query.filter(service_request::Column::ServiceId.eq(service));
    }
    let rows = query.order_by_desc(service_request::Column::Id).limit(MINE).all(db).await?;
    let names = names(db, rows.iter().map(|r| r.service_id), locale).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let state = state_of(&r);
            MyServiceRequest {
                id: r.id,
                service_id: r.service_id,
                service_name: names.of(r.service_id),
                state,
                submitted: local(r.created_at),
                updated: local(r.updated_at),
                can_rate: state == ServiceRequestState::Done && r.rating.is_none(),
                can_withdraw: transition(state, ServiceRole::Requester, ServiceAction::Withdraw).is_ok(),
                rating: r.rating.map(|n| n as u8),
                rating_comment: r.rating_comment,
                decline_reason: r.decline_reason,
                details: r.details,
            }
        })
        .collect())
}

/// The names of the given services by id; a missing one reads as empty.
async fn names(db: &impl ConnectionTrait, ids: impl Iterator<Item = i64>, locale: Locale) -> Result<Names, DbErr> {
    let ids: Vec<i64> = ids.collect();
    let rows = service_project::Entity::find().filter(service_project::Column::Id.is_in(ids)).all(db).await?;
    Ok(Names(rows.iter().map(|s| (s.id, pick(locale, &s.name_zh, &s.name_en))).collect()))
}

struct Names(std::collections::HashMap<i64, String>);

impl Names {
    fn of(&self, service: i64) -> String {
        self.0.get(&service).cloned().unwrap_or_default()
    }
}

/// The catalogue of the viewer's community, and the viewer's own requests.
pub async fn catalogue(db: &impl ConnectionTrait, who: &Principal, locale: Locale) -> AppResult<ServiceCatalogue> {
    let community = super::projects::viewing_community(db, who).await?.ok_or(AppError::NotFound)?;
    let can_edit = authz::permits(Some(who), Action::RunServices { community });
    let mut query = service_project::Entity::find().filter(service_project::Column::CommunityId.eq(community.0));
    if !can_edit {
        query = query.filter(service_project::Column::Active.eq(true));
    }
    let services = query
        .order_by_asc(service_project::Column::Position)
        .order_by_asc(service_project::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|s| card(s, locale))
        .collect();
    Ok(ServiceCatalogue { services, mine: mine(db, who, None, locale).await?, can_edit })
}

pub async fn detail(db: &impl ConnectionTrait, who: &Principal, id: i64, locale: Locale) -> AppResult<ServiceDetail> {
    let s = visible(db, who, id).await?;
    let community = CommunityId(s.community_id);
    let editable = authz::permits(Some(who), Action::RunServices { community }).then(|| ServiceTexts {
        name_zh: s.name_zh.clone(),
        name_en: s.name_en.clone(),
        summary_zh: s.summary_zh.clone(),
        summary_en: s.summary_en.clone(),
    });
    Ok(ServiceDetail {
        card: card(&s, locale),
        mine: mine(db, who, Some(id), locale).await?,
        can_request: s.active && authz::permits(Some(who), Action::Participate { community }),
        editable,
    })
}

/// A verified resident asks for a service; one open request per service at a time.
pub async fn request(
    db: &impl ConnectionTrait,
    who: &Principal,
    service_id: i64,
    details: ServiceDetails,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let s = visible(db, who, service_id).await?;
    let community = CommunityId(s.community_id);
    authz::authorize(Some(who), Action::Participate { community })?;
    if !s.active {
        return Err(AppError::NotFound);
    }
    let open: Vec<&str> = ServiceRequestState::ALL.iter().filter(|s| s.is_open()).map(|s| s.as_str()).collect();
    let already = service_request::Entity::find()
        .filter(service_request::Column::RequesterId.eq(who.account.0))
        .filter(service_request::Column::ServiceId.eq(service_id))
        .filter(service_request::Column::State.is_in(open))
        .count(db)
        .await?;
    if already > 0 {
        return Err(AppError::Conflict(Key::ErrServiceAlreadyOpen));
    }
    let row = service_request::ActiveModel {
        service_id: Set(service_id),
        community_id: Set(s.community_id),
        requester_id: Set(who.account.0),
        details: Set(details.into_inner()),
        state: Set(ServiceRequestState::Submitted.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let staff = super::roles::staff_of(db, s.community_id).await?;
    let text = |l: Locale| (Key::NotifyServiceNew.text(l).to_owned(), pick(l, &s.name_zh, &s.name_en));
    let notice = Notice { topic: Topic::StaffServices, urgent: false, url: "/console/services", text: &text };
    notifications::notify(db, &staff, notice, now).await?;
    Ok(row.id)
}

/// Staff move a request on; the requester withdraws one. Declining needs a reason, which the
/// resident is shown.
pub async fn act(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    action: ServiceAction,
    reason: Option<Reason>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let r = service_request::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let community = CommunityId(r.community_id);
    let role = if authz::permits(Some(who), Action::RunServices { community }) {
        ServiceRole::Provider
    } else if r.requester_id == who.account.0 {
        ServiceRole::Requester
    } else {
        return Err(AppError::NotFound);
    };
    let to = transition(state_of(&r), role, action).map_err(|e| match e {
        TransitionError::Forbidden => AppError::Forbidden,
        TransitionError::NotNow => AppError::Conflict(Key::ErrServiceNotNow),
    })?;
    let reason = match (action, reason) {
        (ServiceAction::Decline, None) => return Err(AppError::invalid("reason", Key::FieldRequired)),
        (ServiceAction::Decline, Some(reason)) => Some(reason.into_inner()),
        _ => None,
    };
    // Guarded on the state read, so two staff pressing at once cannot both move it.
    let moved = service_request::Entity::update_many()
        .col_expr(service_request::Column::State, Expr::value(to.as_str()))
        .col_expr(service_request::Column::DeclineReason, Expr::value(reason.clone()))
        .col_expr(service_request::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            service_request::Column::HandledBy,
            Expr::value(if role == ServiceRole::Provider { Some(who.account.0) } else { r.handled_by }),
        )
        .filter(service_request::Column::Id.eq(id))
        .filter(service_request::Column::State.eq(r.state.clone()))
        .exec(db)
        .await?;
    if moved.rows_affected == 0 {
        return Err(AppError::Conflict(Key::ErrServiceNotNow));
    }
    if role == ServiceRole::Provider {
        let event = AuditEvent {
            actor: who.account.0,
            action: action_name(action),
            object_type: "service_request",
            object_id: Some(id),
            community: Some(r.community_id),
            reason: reason.as_deref(),
        };
        audit::record(db, event, now).await?;
        let service = service_project::Entity::find_by_id(r.service_id).one(db).await?.ok_or(AppError::NotFound)?;
        let url = format!("/services/{}", r.service_id);
        let text = |l: Locale| {
            let title = format!("{} · {}", pick(l, &service.name_zh, &service.name_en), to.label().text(l));
            (title, reason.clone().unwrap_or_else(|| Key::NotifyServiceMoved.text(l).to_owned()))
        };
        let notice = Notice { topic: Topic::MyRequests, urgent: false, url: &url, text: &text };
        notifications::notify(db, &[r.requester_id], notice, now).await?;
    }
    Ok(())
}

fn action_name(action: ServiceAction) -> &'static str {
    match action {
        ServiceAction::Accept => "service.accept",
        ServiceAction::Start => "service.start",
        ServiceAction::Complete => "service.complete",
        ServiceAction::Decline => "service.decline",
        ServiceAction::Withdraw => "service.withdraw",
    }
}

/// The requester rates a finished request, once.
pub async fn rate(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    stars: i32,
    comment: Option<ShortNote>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let r = service_request::Entity::find_by_id(id)
        .filter(service_request::Column::RequesterId.eq(who.account.0))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if state_of(&r) != ServiceRequestState::Done {
        return Err(AppError::Conflict(Key::ErrServiceNotDone));
    }
    let rated = service_request::Entity::update_many()
        .col_expr(service_request::Column::Rating, Expr::value(stars as i16))
        .col_expr(service_request::Column::RatingComment, Expr::value(comment.map(ShortNote::into_inner)))
        .col_expr(service_request::Column::RatedAt, Expr::value(now))
        .filter(service_request::Column::Id.eq(id))
        .filter(service_request::Column::Rating.is_null())
        .exec(db)
        .await?;
    if rated.rows_affected == 0 {
        return Err(AppError::Conflict(Key::ErrAlreadyRated));
    }
    Ok(())
}

/// What the queue is narrowed to; `state` comes from the allow-list of states.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub state: Option<ServiceRequestState>,
    pub query: String,
    pub page: u32,
}

/// The service centre's queue: open requests first by default, searchable by the resident's
/// name, the service or the details.
pub async fn queue(
    db: &impl ConnectionTrait,
    who: &Principal,
    filter: &QueueFilter,
    locale: Locale,
) -> AppResult<ServiceQueue> {
    let scope = authz::scope_where(who, |community| Action::RunServices { community });
    if scope.is_empty() {
        return Err(AppError::Forbidden);
    }
    let found = super::page_of(db, queue_rows(db, &scope, filter).await?, filter.page).await?;
    let names = names(db, found.items.iter().map(|r| r.service_id), locale).await?;
    let mut items = Vec::with_capacity(found.items.len());
    for r in &found.items {
        let requester = account::Entity::find_by_id(r.requester_id).one(db).await?;
        let state = state_of(r);
        let actions = [ServiceAction::Accept, ServiceAction::Start, ServiceAction::Complete, ServiceAction::Decline]
            .into_iter()
            .filter(|a| transition(state, ServiceRole::Provider, *a).is_ok())
            .collect();
        items.push(ServiceQueueItem {
            id: r.id,
            service_name: names.of(r.service_id),
            requester: requester.as_ref().map(|a| a.display_name.clone()).unwrap_or_default(),
            phone: requester.and_then(|a| a.phone.or(a.email)).unwrap_or_default(),
            details: r.details.clone(),
            state,
            submitted: local(r.created_at),
            actions,
            rating: r.rating.map(|n| n as u8),
        });
    }
    Ok(found.with(items))
}

/// The queue as its filters select it (all pages), as CSV. Phones stay out: a file leaves
/// the console, and the minimum necessary for a report is who asked for what and how it went.
pub async fn queue_csv(
    db: &impl ConnectionTrait,
    who: &Principal,
    filter: &QueueFilter,
    locale: Locale,
    now: DateTime<Utc>,
) -> AppResult<(String, String)> {
    let scope = authz::scope_where(who, |community| Action::RunServices { community });
    if scope.is_empty() {
        return Err(AppError::Forbidden);
    }
    let rows = queue_rows(db, &scope, filter).await?.limit(super::EXPORT_LIMIT).all(db).await?;
    let names = names(db, rows.iter().map(|r| r.service_id), locale).await?;
    let people = super::accounts::names_of(db, rows.iter().map(|r| r.requester_id)).await?;
    let mut csv = super::csv::Csv::new(
        &[Key::CsvSubmitted, Key::CsvService, Key::CsvRequester, Key::CsvState, Key::CsvDetails, Key::CsvRating],
        locale,
    );
    for r in &rows {
        csv.row([
            super::shown_datetime(r.created_at),
            names.of(r.service_id),
            people.get(&r.requester_id).cloned().unwrap_or_default(),
            state_of(r).label().text(locale).to_owned(),
            r.details.clone(),
            r.rating.map(|n| n.to_string()).unwrap_or_default(),
        ]);
    }
    audit::record_export(db, who, "service_requests", &scope, filter.query.as_str(), now).await?;
    Ok((format!("service-requests-{}.csv", super::file_date(now)), csv.finish()))
}

async fn queue_rows(
    db: &impl ConnectionTrait,
    scope: &CommunityScope,
    filter: &QueueFilter,
) -> Result<sea_orm::Select<service_request::Entity>, DbErr> {
    let mut rows = service_request::Entity::find().filter(super::in_scope(service_request::Column::CommunityId, scope));
    rows = rows.order_by_desc(service_request::Column::CreatedAt).order_by_desc(service_request::Column::Id);
    rows = match filter.state {
        Some(state) => rows.filter(service_request::Column::State.eq(state.as_str())),
        None => {
            let open: Vec<&str> = ServiceRequestState::ALL.iter().filter(|s| s.is_open()).map(|s| s.as_str()).collect();
            rows.filter(service_request::Column::State.is_in(open))
        }
    };
    let q = filter.query.trim();
    if !q.is_empty() {
        let pattern = super::contains(q);
        let people = super::accounts::ids_named_like(db, q).await?;
        let services: Vec<i64> = service_project::Entity::find()
            .select_only()
            .column(service_project::Column::Id)
            .filter(
                Condition::any()
                    .add(service_project::Column::NameZh.like(&pattern))
                    .add(service_project::Column::NameEn.like(&pattern)),
            )
            .into_tuple()
            .all(db)
            .await?;
        rows = rows.filter(
            Condition::any()
                .add(service_request::Column::Details.like(&pattern))
                .add(service_request::Column::RequesterId.is_in(people))
                .add(service_request::Column::ServiceId.is_in(services)),
        );
    }
    Ok(rows)
}

/// The texts of a service project as staff edit them; English may be left empty and then
/// falls back to Chinese.
pub struct ServiceEdit {
    pub name_zh: ServiceName,
    pub name_en: Option<ServiceName>,
    pub summary_zh: ServiceSummary,
    pub summary_en: Option<ServiceSummary>,
    pub active: bool,
}

/// Staff add a service project (`id` None) or change one; audited either way.
pub async fn save(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: Option<i64>,
    edit: ServiceEdit,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let (community, existing) = match id {
        Some(id) => {
            let s = visible(db, who, id).await?;
            (CommunityId(s.community_id), Some(s))
        }
        None => (super::projects::viewing_community(db, who).await?.ok_or(AppError::NotFound)?, None),
    };
    authz::authorize(Some(who), Action::RunServices { community })?;
    let name_zh = edit.name_zh.into_inner();
    let summary_zh = edit.summary_zh.into_inner();
    let mut row = match existing {
        Some(s) => service_project::ActiveModel::from(s),
        None => {
            let last = service_project::Entity::find()
                .filter(service_project::Column::CommunityId.eq(community.0))
                .count(db)
                .await?;
            service_project::ActiveModel {
                community_id: Set(community.0),
                position: Set(last as i32 + 1),
                created_at: Set(now),
                ..Default::default()
            }
        }
    };
    row.name_en = Set(edit.name_en.map(ServiceName::into_inner).unwrap_or_else(|| name_zh.clone()));
    row.summary_en = Set(edit.summary_en.map(ServiceSummary::into_inner).unwrap_or_else(|| summary_zh.clone()));
    row.name_zh = Set(name_zh);
    row.summary_zh = Set(summary_zh);
    row.active = Set(edit.active);
    row.updated_at = Set(now);
    let saved = row.save(db).await?;
    let saved_id = saved.id.unwrap();
    let event = AuditEvent {
        actor: who.account.0,
        action: if id.is_some() { "service.edit" } else { "service.add" },
        object_type: "service_project",
        object_id: Some(saved_id),
        community: Some(community.0),
        reason: None,
    };
    audit::record(db, event, now).await?;
    Ok(saved_id)
}

fn shenzhen() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("a valid offset")
}

pub fn quarter_of(t: DateTime<Utc>) -> Quarter {
    let local = t.with_timezone(&shenzhen());
    Quarter::of_month(local.year(), local.month())
}

/// Midnight in Shenzhen on the quarter's first day, and on the next quarter's.
fn bounds(q: Quarter) -> (DateTime<Utc>, DateTime<Utc>) {
    let (first, next) = q.months();
    let at = |year: i32, month: u32| {
        let (year, month) = if month > 12 { (year + 1, month - 12) } else { (year, month) };
        shenzhen().with_ymd_and_hms(year, month, 1, 0, 0, 0).single().expect("a real date").with_timezone(&Utc)
    };
    (at(q.year, first), at(q.year, next))
}

/// The community whose service centre the caller supervises.
async fn supervised(db: &impl ConnectionTrait, who: &Principal) -> AppResult<CommunityId> {
    let community = super::projects::viewing_community(db, who).await?.ok_or(AppError::Forbidden)?;
    authz::authorize(Some(who), Action::SuperviseServices { community })?;
    Ok(community)
}

pub async fn supervision(
    db: &impl ConnectionTrait,
    who: &Principal,
    quarter: Option<Quarter>,
    locale: Locale,
    now: DateTime<Utc>,
) -> AppResult<SupervisionPage> {
    let community = supervised(db, who).await?;
    Ok(supervision_of(db, community, quarter, locale, now).await?)
}

async fn supervision_of(
    db: &impl ConnectionTrait,
    community: CommunityId,
    quarter: Option<Quarter>,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<SupervisionPage, DbErr> {
    let current = quarter_of(now);
    let quarter = quarter.unwrap_or(current).min(current);
    let services: Vec<(i64, String)> = service_project::Entity::find()
        .filter(service_project::Column::CommunityId.eq(community.0))
        .order_by_asc(service_project::Column::Position)
        .order_by_asc(service_project::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|s| (s.id, pick(locale, &s.name_zh, &s.name_en)))
        .collect();
    let (from, _) = bounds(quarter.previous());
    let (_, until) = bounds(quarter);
    let ratings: Vec<Rated> = service_request::Entity::find()
        .filter(service_request::Column::CommunityId.eq(community.0))
        .filter(service_request::Column::RatedAt.gte(from))
        .filter(service_request::Column::RatedAt.lt(until))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(Rated {
                service_id: r.service_id,
                quarter: quarter_of(r.rated_at?),
                stars: r.rating? as u8,
                comment: r.rating_comment,
            })
        })
        .collect();
    let mut quarters = vec![current];
    for _ in 0..7 {
        quarters.push(quarters.last().expect("one").previous());
    }
    Ok(SupervisionPage {
        quarter: quarter.to_string(),
        quarters: quarters.iter().map(Quarter::to_string).collect(),
        lines: supervise(&services, &ratings, quarter),
    })
}

/// The supervision table as CSV for the committee's minutes; the export itself is audited.
pub async fn supervision_csv(
    db: &impl ConnectionTrait,
    who: &Principal,
    quarter: Option<Quarter>,
    locale: Locale,
    now: DateTime<Utc>,
) -> AppResult<(String, String)> {
    let community = supervised(db, who).await?;
    let page = supervision_of(db, community, quarter, locale, now).await?;
    let mut csv = super::csv::Csv::new(
        &[Key::CsvQuarter, Key::CsvService, Key::CsvCount, Key::CsvAverage, Key::CsvPrevious, Key::CsvLowest],
        locale,
    );
    let one = |x: Option<f64>| x.map(|a| format!("{a:.2}")).unwrap_or_default();
    for line in &page.lines {
        let lowest: Vec<String> = line.lowest.iter().map(|(stars, c)| format!("{stars}★ {c}")).collect();
        csv.row([
            page.quarter.clone(),
            line.name.clone(),
            line.count.to_string(),
            one(line.average),
            one(line.previous_average),
            lowest.join(" | "),
        ]);
    }
    let scope = CommunityScope::Some(vec![community]);
    audit::record_export(db, who, "service_supervision", &scope, &page.quarter, now).await?;
    Ok((format!("supervision-{}.csv", page.quarter), csv.finish()))
}
