use crate::ballots::{RESIDENTS, cast, run_timers, set_clock, state, three_feasible};
use crate::helpers::{Client, TestApp};
use crate::on_both_backends;
use app::error::AppError;
use app::i18n::Key;
use app::projects::{Fen, LedgerPage, ProposalDetail, ProposalState};
use app::ssr::db::entities::{audit_entry, proposal};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The vote of the three-project round: everyone picks the ¥30,000 project, which wins.
async fn selected(app: &TestApp) -> (i64, [i64; 3]) {
    let ids = three_feasible(app).await;
    set_clock(app, 2027, 2, 16);
    run_timers(app).await;
    for r in RESIDENTS {
        cast(&app.signed_in(r).await, &[(0, ids[0])]).await.assert_ok();
    }
    set_clock(app, 2027, 3, 1);
    run_timers(app).await;
    assert_eq!(state(app, ids[0]).await, ProposalState::Selected.as_str());
    (ids[0], ids)
}

async fn detail(client: &Client, id: i64) -> ProposalDetail {
    client.call("projects/detail", &[("id", &id.to_string())]).await.json()
}

/// The five residents, signed in once each (sign-ins per account are limited).
async fn residents(app: &TestApp) -> Vec<Client> {
    let mut out = vec![];
    for r in RESIDENTS {
        out.push(app.signed_in(r).await);
    }
    out
}

async fn tick(app: &TestApp) {
    app::ssr::projects::tick(&app.state).await.unwrap();
}

on_both_backends! {
    async fn a_selected_project_is_delivered_with_progress_and_accepted_by_residents(app) {
        let (id, _) = selected(&app).await;
        let text = id.to_string();
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let neighbours = residents(&app).await;
        let resident = &neighbours[0];

        // Only the community's staff, committee and admins run delivery.
        let refused = resident.call("projects/start", &[("id", &text), ("provider", "花果山物业")]).await;
        assert_eq!(refused.error(), AppError::Forbidden);
        assert_eq!(staff.call("projects/start", &[("id", &text), ("provider", "")]).await.error(),
            AppError::invalid("provider", Key::FieldRequired));
        staff.call("projects/start", &[("id", &text), ("provider", "花果山物业")]).await.assert_ok();
        assert_eq!(state(&app, id).await, ProposalState::InProgress.as_str());
        staff.call("projects/milestone", &[("id", &text), ("title", "材料进场"), ("due", "2027-03-15")]).await.assert_ok();

        // Progress only goes forward; spending stops at the allocation.
        let progress = |pct: &'static str, spent: &'static str| {
            [("id", text.clone()), ("percent", pct.to_owned()), ("spent", spent.to_owned()), ("note", "扶手安装完成一半".to_owned())]
        };
        let call = async |form: [(&str, String); 4]| {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            staff.call("projects/progress", &form).await
        };
        call(progress("50", "12000")).await.assert_ok();
        assert_eq!(call(progress("40", "13000")).await.error(), AppError::invalid("percent", Key::FieldPercent));
        assert_eq!(call(progress("60", "30000.01")).await.error(), AppError::invalid("spent", Key::FieldSpent));
        assert_eq!(call(progress("60", "11000")).await.error(), AppError::invalid("spent", Key::FieldSpent));
        assert_eq!(resident.call("projects/progress", &[("id", &text), ("percent", "60"), ("spent", "13000"), ("note", "我来更新")]).await.error(), AppError::Forbidden);

        // Handing over needs 100 %.
        let deliver = [("id", text.as_str()), ("action", "Deliver")];
        assert_eq!(staff.call("projects/act", &deliver).await.error(), AppError::Conflict(Key::ErrNotComplete));
        call(progress("100", "29500")).await.assert_ok();
        assert_eq!(resident.call("projects/act", &deliver).await.error(), AppError::Forbidden);
        staff.call("projects/act", &deliver).await.assert_ok();
        assert_eq!(state(&app, id).await, ProposalState::Delivered.as_str());

        let seen = detail(&neighbours[1], id).await;
        let d = seen.delivery.expect("a delivery tracker");
        assert_eq!((d.percent, d.spent, d.provider.as_deref()), (100, Fen::yuan(29_500), Some("花果山物业")));
        assert_eq!(d.updates.len(), 2);
        assert!(d.acceptance.as_ref().unwrap().can_judge);

        // Not done needs a word on what; a rating is kept with an acceptance.
        let judge = |verdict: &'static str, rating: &'static str, comment: &'static str| {
            [("id", text.clone()), ("verdict", verdict.to_owned()), ("rating", rating.to_owned()), ("comment", comment.to_owned())]
        };
        let verdict = async |who: usize, form: [(&str, String); 4]| {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            neighbours[who].call("projects/accept", &form).await
        };
        assert_eq!(verdict(0, judge("not_done", "", "")).await.error(), AppError::invalid("comment", Key::FieldRequired));
        assert_eq!(verdict(0, judge("accept", "9", "")).await.error(), AppError::invalid("rating", Key::FieldRating));
        verdict(0, judge("accept", "5", "")).await.assert_ok();
        assert_eq!(state(&app, id).await, ProposalState::Delivered.as_str(), "one of two needed");
        // Changing one's mind replaces the verdict, it does not add one.
        verdict(0, judge("accept", "4", "")).await.assert_ok();
        assert_eq!(state(&app, id).await, ProposalState::Delivered.as_str());
        verdict(1, judge("accept", "5", "")).await.assert_ok();
        assert_eq!(state(&app, id).await, ProposalState::Accepted.as_str(), "the round's threshold decides early");
        assert_eq!(verdict(2, judge("accept", "", "")).await.error(), AppError::Conflict(Key::ErrAcceptanceClosed));

        let ledger: LedgerPage = resident.call("projects/ledger", &[]).await.json();
        let rating = &ledger.providers[0];
        assert_eq!((rating.name.as_str(), rating.average_tenths, rating.ratings), ("花果山物业", 45, 2));
        let audited = audit_entry::Entity::find()
            .filter(audit_entry::Column::ObjectId.eq(id))
            .filter(audit_entry::Column::Action.is_in(["delivery_started", "delivered"]))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(audited, 2);
    }

    async fn enough_residents_saying_not_done_reopens_the_work(app) {
        let (id, _) = selected(&app).await;
        let text = id.to_string();
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        staff.call("projects/start", &[("id", &text), ("provider", "某装修公司")]).await.assert_ok();
        staff.call("projects/progress", &[("id", &text), ("percent", "100"), ("spent", "30000"), ("note", "完工")]).await.assert_ok();
        staff.call("projects/act", &[("id", &text), ("action", "Deliver")]).await.assert_ok();
        let neighbours = residents(&app).await;
        for r in &neighbours[3..] {
            r.call("projects/accept", &[("id", &text), ("verdict", "not_done"), ("comment", "三楼扶手还没装")])
                .await
                .assert_ok();
        }
        assert_eq!(state(&app, id).await, ProposalState::InProgress.as_str());
        let row = proposal::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap();
        assert!(row.acceptance_until.is_none() && row.progress_percent < 100, "work goes on");
        // The next hand-over is judged afresh.
        staff.call("projects/progress", &[("id", &text), ("percent", "100"), ("spent", "30000"), ("note", "三楼补装")]).await.assert_ok();
        staff.call("projects/act", &[("id", &text), ("action", "Deliver")]).await.assert_ok();
        let acceptance = detail(&neighbours[3], id).await.delivery.unwrap().acceptance.unwrap();
        assert_eq!((acceptance.accepted, acceptance.not_done, acceptance.mine), (0, 0, None));

        // Nobody else speaks: when the window ends, silence accepts.
        app.clock.advance(chrono::Duration::days(app::ssr::delivery::ACCEPTANCE_DAYS) + chrono::Duration::minutes(1));
        tick(&app).await;
        assert_eq!(state(&app, id).await, ProposalState::Accepted.as_str());
    }

    async fn the_ledger_adds_up_against_the_database(app) {
        let (id, ids) = selected(&app).await;
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let text = id.to_string();
        staff.call("projects/start", &[("id", &text), ("provider", "花果山物业")]).await.assert_ok();
        staff.call("projects/progress", &[("id", &text), ("percent", "30"), ("spent", "8000.50"), ("note", "开工")]).await.assert_ok();
        let ledger: LedgerPage = app.signed_in(RESIDENTS[2]).await.call("projects/ledger", &[]).await.json();
        let l = &ledger.ledger;
        assert!(l.adds_up());
        assert_eq!(l.budget, Fen::yuan(50_000));
        // The ¥20,000 project fits in what the winner left; the ¥25,000 one does not.
        let funded: Vec<i64> = l.lines.iter().map(|line| line.proposal).collect();
        let rows = proposal::Entity::find().filter(proposal::Column::Id.is_in(funded.clone())).all(&app.state.db).await.unwrap();
        let allocated: i64 = rows.iter().map(|p| p.reviewed_cost_fen.unwrap()).sum();
        let spent: i64 = rows.iter().map(|p| p.spent_fen).sum();
        assert_eq!(l.allocated, Fen(allocated));
        assert_eq!(l.spent, Fen(spent));
        assert_eq!(l.spent, Fen(800_050));
        assert_eq!(l.remaining, Fen(5_000_000 - allocated));
        assert!(funded.contains(&id) && !funded.contains(&ids[1]));
    }

    async fn a_committee_member_can_end_a_phase_early_and_residents_cannot(app) {
        let [a, ..] = three_feasible(&app).await;
        let home: app::projects::ProjectsHome = app.signed_in(RESIDENTS[0]).await.call("projects/home", &[]).await.json();
        let round = home.round.unwrap();
        assert!(!home.can_manage);
        let form = [("round", round.id.to_string())];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(app.signed_in(RESIDENTS[0]).await.call("projects/end-phase", &form).await.error(), AppError::Forbidden);
        let committee = app.signed_in("committee1@demo.jiayuan").await;
        // Collecting, review and notice end now: the feasible proposals go on the ballot.
        for _ in 0..3 {
            committee.call("projects/end-phase", &form).await.assert_ok();
        }
        assert_eq!(state(&app, a).await, ProposalState::OnBallot.as_str());
        let home: app::projects::ProjectsHome = committee.call("projects/home", &[]).await.json();
        assert!(home.can_manage, "the committee sees its community's round");
        assert_eq!(home.round.unwrap().phase, app::projects::RoundPhase::Voting);
        let audited = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("round_phase_ended"))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(audited, 3);
    }
}
