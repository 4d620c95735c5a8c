use crate::helpers::{Client, TestApp};
use crate::on_both_backends;
use app::error::AppError;
use app::i18n::Key;
use app::model::SubCommittee;
use app::notifications::Topic;
use app::projects::{ProjectsHome, ProposalAction, ProposalDetail, ProposalState, ReviewQueue};
use app::ssr::db::entities::{community, funding_round, proposal, proposal_support};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn huaguoshan(app: &TestApp) -> String {
    let c =
        community::Entity::find().filter(community::Column::NameZh.eq("花果山社区")).one(&app.state.db).await.unwrap();
    c.unwrap().id.to_string()
}

pub(crate) fn round_form<'a>(community: &'a str, overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("round[community]", community),
        ("round[title]", "2027 年第一轮民生微实事"),
        ("round[budget]", "100000"),
        ("round[cost_cap]", "30000"),
        ("round[support_threshold]", "3"),
        ("round[support_window_days]", "30"),
        ("round[service]", "on"),
        ("round[works]", "on"),
        ("round[collecting_until]", "2026-12-31"),
        ("round[review_until]", "2027-01-31"),
        ("round[notice_until]", "2027-02-15"),
        ("round[voting_until]", "2027-02-28"),
        ("round[implementation_until]", "2027-06-30"),
        ("round[evaluation_until]", "2027-07-31"),
    ];
    for (key, value) in overrides {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    form
}

async fn rounds(app: &TestApp) -> u64 {
    funding_round::Entity::find().count(&app.state.db).await.unwrap()
}

async fn open_round(app: &TestApp) {
    let community = huaguoshan(app).await;
    let admin = app.signed_in("admin@demo.jiayuan").await;
    let reply = admin.call("projects/open-round", &round_form(&community, &[])).await;
    assert!(reply.status.is_success() || reply.status.is_redirection(), "{} {}", reply.status, reply.body);
}

fn proposal_form<'a>(cost: &'a str, category: &'a str) -> Vec<(&'a str, &'a str)> {
    titled_proposal("1 栋楼道加装扶手", cost, category)
}

/// A proposal as a resident writes it, with its title, cost and category.
pub(crate) fn titled_proposal<'a>(title: &'a str, cost: &'a str, category: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("proposal[title]", title),
        ("proposal[description]", "楼里老人多，楼道没有扶手，上下楼容易摔倒。建议在一至六层加装不锈钢扶手。"),
        ("proposal[category]", category),
        ("proposal[location]", "1 栋楼道"),
        ("proposal[estimated_cost]", cost),
        ("proposal[beneficiaries]", "1 栋老人，约 40 人"),
    ]
}

/// resident1 drafts a works proposal costing ¥20,000; returns its id.
async fn drafted(app: &TestApp, author: &Client) -> i64 {
    let reply = author.call("projects/draft", &proposal_form("20000", "works")).await;
    assert!(reply.status.is_success() || reply.status.is_redirection(), "{} {}", reply.status, reply.body);
    let _ = app;
    let home: ProjectsHome = author.call("projects/home", &[]).await.json();
    home.proposals[0].id
}

async fn act(client: &Client, id: i64, action: ProposalAction) -> crate::helpers::Reply {
    client.call("projects/act", &[("id", &id.to_string()), ("action", &format!("{action:?}"))]).await
}

async fn stored(app: &TestApp, id: i64) -> proposal::Model {
    proposal::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap()
}

async fn detail(client: &Client, id: i64) -> crate::helpers::Reply {
    client.call("projects/detail", &[("id", &id.to_string())]).await
}

/// Makes a verified resident a committee member of `sub` (through the admin's console).
async fn make_committee(app: &TestApp, email: &str, sub: SubCommittee) {
    let admin = app.signed_in("admin@demo.jiayuan").await;
    let id = app.account_id(email).await.to_string();
    admin
        .call("console/grant_role", &[("account_id", &id), ("role", "committee"), ("sub_committee", sub.as_str())])
        .await
        .assert_ok();
}

on_both_backends! {
    async fn only_the_committee_or_an_admin_opens_a_round_and_its_rules_are_checked(app) {
        let community = huaguoshan(&app).await;
        for who in ["resident1@demo.jiayuan", "staff1@demo.jiayuan", "volunteer1@demo.jiayuan"] {
            let reply = app.signed_in(who).await.call("projects/open-round", &round_form(&community, &[])).await;
            assert_eq!(reply.error(), AppError::Forbidden, "{who}");
        }
        let committee = app.signed_in("committee1@demo.jiayuan").await;
        let over = committee.call("projects/open-round", &round_form(&community, &[("round[cost_cap]", "200000")])).await;
        assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(over.error().field("round[cost_cap]"), Some(Key::FieldCostOverCap));
        let order = committee.call("projects/open-round", &round_form(&community, &[("round[voting_until]", "2027-02-01")])).await;
        assert_eq!(order.error().field("round[voting_until]"), Some(Key::FieldPhaseOrder));
        let money = committee.call("projects/open-round", &round_form(&community, &[("round[budget]", "十万")])).await;
        assert_eq!(money.error().field("round[budget]"), Some(Key::FieldMoney));
        assert_eq!(rounds(&app).await, 0, "nothing stored for refused input");

        let ok = committee.call("projects/open-round", &round_form(&community, &[])).await;
        assert!(ok.status.is_success() || ok.status.is_redirection(), "{}", ok.body);
        let again = app.signed_in("admin@demo.jiayuan").await.call("projects/open-round", &round_form(&community, &[])).await;
        assert_eq!(again.error(), AppError::Conflict(Key::ErrRoundAlreadyOpen));
        assert_eq!(rounds(&app).await, 1);

        let home: ProjectsHome = app.signed_in("resident1@demo.jiayuan").await.call("projects/home", &[]).await.json();
        let round = home.round.unwrap();
        assert_eq!(round.budget, app::projects::Fen::yuan(100_000));
        assert!(home.can_propose);
    }

    async fn a_proposal_is_drafted_within_the_rules_and_edited_only_before_its_first_support(app) {
        open_round(&app).await;
        let author = app.signed_in("resident1@demo.jiayuan").await;
        let over = author.call("projects/draft", &proposal_form("40000", "works")).await;
        assert_eq!(over.error().field("proposal[estimated_cost]"), Some(Key::FieldCostOverCap));
        let kind = author.call("projects/draft", &proposal_form("20000", "goods")).await;
        assert_eq!(kind.error().field("proposal[category]"), Some(Key::FieldCategoryNotAllowed));
        let pending = app.signed_in("pending1@demo.jiayuan").await.call("projects/draft", &proposal_form("20000", "works")).await;
        assert_eq!(pending.error(), AppError::NotVerified);
        assert_eq!(proposal::Entity::find().count(&app.state.db).await.unwrap(), 0);

        let id = drafted(&app, &author).await;
        let neighbour = app.signed_in("resident2@demo.jiayuan").await;
        assert_eq!(detail(&neighbour, id).await.status, StatusCode::NOT_FOUND, "a draft is its author's");
        assert_eq!(act(&neighbour, id, ProposalAction::Submit).await.error(), AppError::Forbidden);
        act(&author, id, ProposalAction::Submit).await.assert_ok();
        assert_eq!(stored(&app, id).await.state, ProposalState::CollectingSupport.as_str());

        let mut edit = proposal_form("25000", "works");
        let id_text = id.to_string();
        edit.push(("id", &id_text));
        author.call("projects/edit", &edit).await.assert_ok();
        assert_eq!(stored(&app, id).await.estimated_cost_fen, 2_500_000);
        assert_eq!(neighbour.call("projects/edit", &edit).await.error(), AppError::Forbidden, "only the author edits");

        act(&neighbour, id, ProposalAction::Support).await.assert_ok();
        let before = stored(&app, id).await;
        let late = author.call("projects/edit", &proposal_form("10000", "works").into_iter().chain([("id", id_text.as_str())]).collect::<Vec<_>>()).await;
        assert_eq!(late.error(), AppError::Forbidden, "no editing after the first support");
        assert_eq!(stored(&app, id).await, before, "unchanged");
    }

    async fn supports_past_the_daily_limit_are_refused_and_counted_nowhere(app) {
        let app = app.restart_with(|s| s.policy.limits.supports.max = 1).await;
        open_round(&app).await;
        let (first, second) = (app.signed_in("resident1@demo.jiayuan").await, app.signed_in("resident2@demo.jiayuan").await);
        let (a, b) = (drafted(&app, &first).await, drafted(&app, &second).await);
        act(&first, a, ProposalAction::Submit).await.assert_ok();
        act(&second, b, ProposalAction::Submit).await.assert_ok();
        let neighbour = app.signed_in("resident3@demo.jiayuan").await;
        act(&neighbour, a, ProposalAction::Support).await.assert_ok();
        let refused = act(&neighbour, b, ProposalAction::Support).await;
        assert_eq!((refused.status, refused.error()), (StatusCode::TOO_MANY_REQUESTS, AppError::TooManyRequests));
        assert_eq!(stored(&app, b).await.supports, 0);
        app.clock.advance(chrono::Duration::days(1));
        act(&neighbour, b, ProposalAction::Support).await.assert_ok();
    }

    async fn the_projects_home_shows_a_big_round_a_page_at_a_time_most_supported_first(app) {
        open_round(&app).await;
        let author = app.signed_in("resident1@demo.jiayuan").await;
        for n in 0..21 {
            let title = format!("楼道加装扶手 {n}");
            author.call("projects/draft", &titled_proposal(&title, "20000", "works")).await;
        }
        let ids: Vec<i64> = proposal::Entity::find().all(&app.state.db).await.unwrap().iter().map(|p| p.id).collect();
        assert_eq!(ids.len(), 21);
        for &id in &ids {
            act(&author, id, ProposalAction::Submit).await.assert_ok();
        }
        let favourite = ids[20];
        for neighbour in ["resident2@demo.jiayuan", "resident3@demo.jiayuan"] {
            act(&app.signed_in(neighbour).await, favourite, ProposalAction::Support).await.assert_ok();
        }

        let reader = app.signed_in("resident4@demo.jiayuan").await;
        let first: ProjectsHome = reader.call("projects/home", &[]).await.json();
        assert_eq!((first.proposals.len(), first.more, first.total), (20, true, 21));
        assert_eq!(first.proposals[0].id, favourite, "the most supported first");
        let second: ProjectsHome = reader.call("projects/home", &[("page", "1")]).await.json();
        assert_eq!((second.proposals.len(), second.more, second.page), (1, false, 1));
        let mut seen: Vec<i64> = first.proposals.iter().chain(&second.proposals).map(|p| p.id).collect();
        seen.sort();
        assert_eq!(seen, ids, "every proposal once over the pages");
        // The pages render without JavaScript: the 20th by support is on the second one.
        assert!(reader.get("/projects?page=1").await.body.contains("楼道加装扶手 19"));
        assert!(!reader.get("/projects").await.body.contains("楼道加装扶手 19"));
    }

    async fn supports_are_once_each_by_verified_neighbours_and_lock_at_the_threshold(app) {
        open_round(&app).await;
        let author = app.signed_in("resident1@demo.jiayuan").await;
        let id = drafted(&app, &author).await;
        act(&author, id, ProposalAction::Submit).await.assert_ok();

        assert_eq!(act(&author, id, ProposalAction::Support).await.error(), AppError::Forbidden, "not one's own");
        let pending = app.signed_in("pending1@demo.jiayuan").await;
        assert_eq!(act(&pending, id, ProposalAction::Support).await.error(), AppError::NotVerified);
        assert_eq!(act(&app.client(), id, ProposalAction::Support).await.status, StatusCode::UNAUTHORIZED);

        let r2 = app.signed_in("resident2@demo.jiayuan").await;
        act(&r2, id, ProposalAction::Support).await.assert_ok();
        assert_eq!(act(&r2, id, ProposalAction::Support).await.error(), AppError::Conflict(Key::ErrAlreadySupported));
        assert_eq!(stored(&app, id).await.supports, 1, "supporting twice counts once");
        let d: ProposalDetail = detail(&r2, id).await.json();
        assert!(d.i_support && !d.actions.contains(&ProposalAction::Support));

        // Two at once: both count, the third reaches the threshold (3).
        let (r3, r4) = (app.signed_in("resident3@demo.jiayuan").await, app.signed_in("resident4@demo.jiayuan").await);
        let (a, b) = tokio::join!(act(&r3, id, ProposalAction::Support), act(&r4, id, ProposalAction::Support));
        let won = [a.status.is_success(), b.status.is_success()].iter().filter(|w| **w).count();
        if won == 1 {
            // The loser saw the row move under it; trying again succeeds.
            let (client, reply) = if a.status.is_success() { (&r4, b) } else { (&r3, a) };
            assert_eq!(reply.error(), AppError::Conflict(Key::ErrProposalChanged));
            act(client, id, ProposalAction::Support).await.assert_ok();
        }
        let p = stored(&app, id).await;
        assert_eq!((p.state.as_str(), p.supports), (ProposalState::UnderReview.as_str(), 3));
        assert_eq!(p.sub_committee.as_deref(), Some("environment"), "works go to 环境建设");
        assert_eq!(proposal_support::Entity::find().count(&app.state.db).await.unwrap(), 3);

        let r5 = app.signed_in("resident5@demo.jiayuan").await;
        assert_eq!(act(&r5, id, ProposalAction::Support).await.error(), AppError::Forbidden, "supports lock at review");
        let told = app::ssr::notifications::for_recipient(&app.state.db, app.account_id("committee1@demo.jiayuan").await).await.unwrap();
        assert!(told.iter().any(|n| n.topic == Topic::Proposals.as_str() && n.url == format!("/projects/{id}")));
    }

    async fn the_routed_sub_committee_reviews_but_not_its_own_proposals(app) {
        open_round(&app).await;
        make_committee(&app, "resident1@demo.jiayuan", SubCommittee::Environment).await;
        make_committee(&app, "resident5@demo.jiayuan", SubCommittee::PublicService).await;
        let author = app.signed_in("resident1@demo.jiayuan").await;
        let id = drafted(&app, &author).await;
        act(&author, id, ProposalAction::Submit).await.assert_ok();
        for r in ["resident2@demo.jiayuan", "resident3@demo.jiayuan", "resident4@demo.jiayuan"] {
            act(&app.signed_in(r).await, id, ProposalAction::Support).await.assert_ok();
        }
        let review = |cost: &'static str, decision: &'static str, note: &'static str| {
            let id = id.to_string();
            move |c: Client| async move {
                c.call("projects/review", &[("id", &id), ("decision", decision), ("reviewed_cost", cost), ("note", note)]).await
            }
        };
        let before = stored(&app, id).await;
        let own = review("20000", "feasible", "")(author).await;
        assert_eq!(own.error(), AppError::Forbidden, "not one's own proposal");
        let other_sub = review("20000", "feasible", "")(app.signed_in("resident5@demo.jiayuan").await).await;
        assert_eq!(other_sub.error(), AppError::Forbidden, "another sub-committee");
        let staff = review("20000", "feasible", "")(app.signed_in("staff1@demo.jiayuan").await).await;
        assert_eq!(staff.error(), AppError::Forbidden);
        assert_eq!(stored(&app, id).await, before);

        let queue: ReviewQueue = app.signed_in("committee1@demo.jiayuan").await.call("projects/review-queue", &[]).await.json();
        assert_eq!(queue.proposals.iter().map(|p| p.id).collect::<Vec<_>>(), vec![id]);
        let own_queue: ReviewQueue = app.signed_in("resident1@demo.jiayuan").await.call("projects/review-queue", &[]).await.json();
        assert!(own_queue.proposals.is_empty(), "one's own proposal is not in one's queue");
        let resident = app.signed_in("resident2@demo.jiayuan").await.call("projects/review-queue", &[]).await;
        assert_eq!(resident.error(), AppError::Forbidden);

        let committee = app.signed_in("committee1@demo.jiayuan").await;
        let no_reason = review("", "unfeasible", "")(app.signed_in("committee1@demo.jiayuan").await).await;
        assert_eq!(no_reason.error().field("note"), Some(Key::FieldRequired));
        let over_cap = review("50000", "feasible", "")(app.signed_in("committee1@demo.jiayuan").await).await;
        assert_eq!(over_cap.error().field("reviewed_cost"), Some(Key::FieldCostOverCap));
        assert_eq!(stored(&app, id).await, before, "refusals change nothing");

        review("18000", "feasible", "")(committee).await.assert_ok();
        let p = stored(&app, id).await;
        assert_eq!((p.state.as_str(), p.reviewed_cost_fen), (ProposalState::Feasible.as_str(), Some(1_800_000)));
        let supporter = app::ssr::notifications::for_recipient(&app.state.db, app.account_id("resident2@demo.jiayuan").await).await.unwrap();
        assert!(supporter.iter().any(|n| n.title == Key::NotifyProposalFeasible.text(app::i18n::Locale::Zh)), "supporters are told");
        let d: ProposalDetail = detail(&app.signed_in("resident2@demo.jiayuan").await, id).await.json();
        let steps: Vec<Key> = d.timeline.iter().map(|e| e.what).collect();
        assert_eq!(steps, vec![Key::ProposalEvDrafted, Key::ProposalEvSubmitted, Key::ProposalEvToReview, Key::ProposalEvFeasible]);
    }

    async fn changes_requested_go_back_to_the_author_and_unsupported_proposals_expire(app) {
        open_round(&app).await;
        let author = app.signed_in("resident1@demo.jiayuan").await;
        let id = drafted(&app, &author).await;
        act(&author, id, ProposalAction::Submit).await.assert_ok();
        for r in ["resident2@demo.jiayuan", "resident3@demo.jiayuan", "resident4@demo.jiayuan"] {
            act(&app.signed_in(r).await, id, ProposalAction::Support).await.assert_ok();
        }
        let committee = app.signed_in("committee1@demo.jiayuan").await;
        committee
            .call("projects/review", &[("id", &id.to_string()), ("decision", "changes"), ("note", "请补充扶手材质和报价单")])
            .await
            .assert_ok();
        let d: ProposalDetail = detail(&author, id).await.json();
        assert_eq!(d.review_note.as_deref(), Some("请补充扶手材质和报价单"));
        assert!(d.actions.contains(&ProposalAction::Resubmit));
        act(&author, id, ProposalAction::Resubmit).await.assert_ok();
        assert_eq!(stored(&app, id).await.state, ProposalState::UnderReview.as_str());

        // A second proposal nobody supports expires when its 30-day window ends.
        let lonely = app.signed_in("resident5@demo.jiayuan").await;
        lonely.call("projects/draft", &proposal_form("5000", "service")).await;
        let home: ProjectsHome = lonely.call("projects/home", &[]).await.json();
        let second = home.proposals.iter().find(|p| p.state == ProposalState::Draft).unwrap().id;
        act(&lonely, second, ProposalAction::Submit).await.assert_ok();
        app.clock.advance(chrono::Duration::days(29));
        let txn = app::ssr::db::begin_write(&app.state.db).await.unwrap();
        assert_eq!(app::ssr::projects::run_timers(&txn, app.now()).await.unwrap(), 0);
        txn.commit().await.unwrap();
        app.clock.advance(chrono::Duration::days(2));
        assert_eq!(act(&app.signed_in("resident2@demo.jiayuan").await, second, ProposalAction::Support).await.error(), AppError::Conflict(Key::ErrSupportWindowOver));
        let txn = app::ssr::db::begin_write(&app.state.db).await.unwrap();
        assert_eq!(app::ssr::projects::run_timers(&txn, app.now()).await.unwrap(), 1);
        txn.commit().await.unwrap();
        assert_eq!(stored(&app, second).await.state, ProposalState::Expired.as_str());
    }
}
