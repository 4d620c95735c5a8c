use crate::helpers::{Client, TestApp};
use crate::on_both_backends;
use app::error::AppError;
use app::i18n::Key;
use app::projects::{BallotView, Fen, ProjectsHome, ProposalState, RoundResults};
use app::ssr::db::entities::{ballot, community, proposal};
use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

pub(crate) const RESIDENTS: [&str; 5] = [
    "resident1@demo.jiayuan",
    "resident2@demo.jiayuan",
    "resident3@demo.jiayuan",
    "resident4@demo.jiayuan",
    "resident5@demo.jiayuan",
];

/// A ¥50,000 round in 花果山 and three feasible works proposals reviewed at ¥30,000,
/// ¥25,000 and ¥20,000 (ids in that order).
pub(crate) async fn three_feasible(app: &TestApp) -> [i64; 3] {
    let community = community::Entity::find()
        .filter(community::Column::NameZh.eq("花果山社区"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let admin = app.signed_in("admin@demo.jiayuan").await;
    let form = [
        ("round[community]", community.as_str()),
        ("round[title]", "2027 年第一轮民生微实事"),
        ("round[budget]", "50000"),
        ("round[cost_cap]", "30000"),
        ("round[support_threshold]", "2"),
        ("round[support_window_days]", "30"),
        ("round[works]", "on"),
        ("round[collecting_until]", "2026-12-31"),
        ("round[review_until]", "2027-01-31"),
        ("round[notice_until]", "2027-02-15"),
        ("round[voting_until]", "2027-02-28"),
        ("round[implementation_until]", "2027-06-30"),
        ("round[evaluation_until]", "2027-07-31"),
    ];
    let opened = admin.call("projects/open-round", &form).await;
    assert!(opened.status.is_success() || opened.status.is_redirection(), "{}", opened.body);
    let committee = app.signed_in("committee1@demo.jiayuan").await;
    let mut ids = [0; 3];
    for (i, (cost, title)) in
        [("30000", "楼道加装扶手"), ("25000", "小花园重铺步道"), ("20000", "门前加装座椅")].into_iter().enumerate()
    {
        let author = app.signed_in(RESIDENTS[i]).await;
        let draft = crate::projects::titled_proposal(title, cost, "works");
        author.call("projects/draft", &draft).await;
        let home: ProjectsHome = author.call("projects/home", &[]).await.json();
        let id = home.proposals.iter().find(|p| p.title == title).unwrap().id;
        let text = id.to_string();
        author.call("projects/act", &[("id", &text), ("action", "Submit")]).await.assert_ok();
        for supporter in [RESIDENTS[3], RESIDENTS[4]] {
            app.signed_in(supporter)
                .await
                .call("projects/act", &[("id", &text), ("action", "Support")])
                .await
                .assert_ok();
        }
        committee
            .call("projects/review", &[("id", &text), ("decision", "feasible"), ("reviewed_cost", cost)])
            .await
            .assert_ok();
        ids[i] = id;
    }
    ids
}

pub(crate) async fn run_timers(app: &TestApp) -> u32 {
    let txn = app::ssr::db::begin_write(&app.state.db).await.unwrap();
    let moved = app::ssr::ballots::run_timers(&txn, app.now()).await.unwrap();
    txn.commit().await.unwrap();
    moved
}

/// Moves the clock to a moment of Beijing time.
pub(crate) fn set_clock(app: &TestApp, y: i32, m: u32, d: u32) {
    let target = Utc.with_ymd_and_hms(y, m, d, 2, 0, 0).unwrap();
    app.clock.advance(target - app.now());
}

pub(crate) async fn cast(client: &Client, picks: &[(usize, i64)]) -> crate::helpers::Reply {
    let fields: Vec<(String, String)> = picks.iter().map(|(i, id)| (format!("picks[{i}]"), id.to_string())).collect();
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    client.call("projects/cast", &form).await
}

pub(crate) async fn state(app: &TestApp, id: i64) -> String {
    proposal::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap().state
}

on_both_backends! {
    async fn residents_vote_within_budget_and_the_tally_takes_winners_while_money_lasts(app) {
        let [a, b, c] = three_feasible(&app).await;
        let early = app.signed_in(RESIDENTS[0]).await;
        assert_eq!(cast(&early, &[(0, a)]).await.error(), AppError::Conflict(Key::ErrVotingClosed), "not before the vote");

        // The public notice ends: feasible proposals go on the ballot.
        set_clock(&app, 2027, 2, 16);
        let mut voters: Vec<Client> = vec![];
        for r in RESIDENTS {
            voters.push(app.signed_in(r).await);
        }
        assert_eq!(run_timers(&app).await, 3);
        assert_eq!(state(&app, a).await, ProposalState::OnBallot.as_str());

        let over = cast(&voters[0], &[(0, a), (1, b)]).await;
        assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(over.error().field("picks"), Some(Key::BallotOverBudget), "¥55,000 > ¥50,000");
        assert_eq!(ballot::Entity::find().count(&app.state.db).await.unwrap(), 0, "nothing stored");
        assert_eq!(cast(&voters[0], &[]).await.error().field("picks"), Some(Key::BallotEmpty));
        let pending = app.signed_in("pending1@demo.jiayuan").await;
        assert_eq!(cast(&pending, &[(0, a)]).await.error(), AppError::NotVerified);

        // Online votes: a ×2, b ×2, c ×2 (one resident changes their mind); then a paper vote for a.
        cast(&voters[0], &[(0, b)]).await.assert_ok();
        cast(&voters[0], &[(0, a), (2, c)]).await.assert_ok();
        cast(&voters[1], &[(0, a)]).await.assert_ok();
        cast(&voters[2], &[(1, b), (2, c)]).await.assert_ok();
        cast(&voters[3], &[(0, b)]).await.assert_ok();
        assert_eq!(ballot::Entity::find().count(&app.state.db).await.unwrap(), 4, "one ballot per resident");
        let mine: BallotView = voters[0].call("projects/ballot", &[]).await.json();
        let picked: Vec<i64> = mine.items.iter().filter(|i| i.picked).map(|i| i.proposal.id).collect();
        assert_eq!(picked, vec![a, c], "the changed ballot replaced the first");
        let theirs: BallotView = voters[4].call("projects/ballot", &[]).await.json();
        assert!(theirs.items.iter().all(|i| !i.picked) && !theirs.cast, "nobody sees another's ballot");

        // A paper ballot, entered by staff only.
        let paper = [("picks[0]", a.to_string())];
        let paper: Vec<(&str, &str)> = paper.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(voters[4].call("projects/paper-ballot", &paper).await.error(), AppError::Forbidden);
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        // The blank sheet staff copy a paper ballot onto: theirs, not residents'.
        assert_eq!(voters[4].call("projects/paper-sheet", &[]).await.error(), AppError::Forbidden);
        let sheet: BallotView = staff.call("projects/paper-sheet", &[]).await.json();
        assert!(sheet.open && sheet.items.len() == 3 && sheet.items.iter().all(|i| !i.picked));
        let community = community::Entity::find().filter(community::Column::NameZh.eq("花果山社区")).one(&app.state.db).await.unwrap().unwrap().id.to_string();
        let mut staff_form = paper.clone();
        staff_form.push(("community", &community));
        staff.call("projects/paper-ballot", &staff_form).await.assert_ok();
        assert_eq!(voters[0].call("projects/results", &[]).await.error(), AppError::Conflict(Key::ErrNoResultsYet), "no counts while voting");

        // The vote closes.
        set_clock(&app, 2027, 3, 1);
        assert_eq!(run_timers(&app).await, 3);
        let voters: Vec<Client> = vec![app.signed_in(RESIDENTS[0]).await, app.signed_in(RESIDENTS[4]).await];
        assert_eq!(run_timers(&app).await, 0, "tallied once");
        assert_eq!(cast(&voters[1], &[(0, c)]).await.error(), AppError::Conflict(Key::ErrVotingClosed));
        assert_eq!(state(&app, a).await, ProposalState::Selected.as_str());
        assert_eq!(state(&app, c).await, ProposalState::Selected.as_str(), "ties go to the cheaper");
        assert_eq!(state(&app, b).await, ProposalState::NotSelected.as_str());

        let results: RoundResults = voters[1].call("projects/results", &[]).await.json();
        assert_eq!((results.ballots_online, results.ballots_paper), (4, 1));
        assert_eq!(results.allocated, Fen::yuan(50_000));
        assert_eq!(results.remaining, Fen::ZERO);
        assert_eq!(results.allocated + results.remaining, results.budget, "the sums add up");
        let first = &results.lines[0];
        assert_eq!((first.proposal.id, first.votes.online, first.votes.paper), (a, 2, 1));
        let skipped = results.lines.iter().find(|l| l.proposal.id == b).unwrap();
        assert!(skipped.skipped_for_budget && !skipped.selected);
    }
}
