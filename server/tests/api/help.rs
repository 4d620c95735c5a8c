use crate::helpers::{Client, TestApp};
use crate::on_both_backends;
use app::error::AppError;
use app::help::{Board, HelpAction, HelpRequestDetail, HelpRequestSummary, HelpState, Triage};
use app::i18n::Key;
use app::ssr::db::entities::{audit_entry, help_request, notification};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// resident1 (building 1) asks for urgent help; returns the request id.
async fn urgent_request(app: &TestApp, resident: &Client, key: &str) -> i64 {
    resident
        .call(
            "help/post",
            &[("category", "errand"), ("urgency", "urgent"), ("description", "帮忙去药店买感冒药"), ("key", key)],
        )
        .await
        .assert_ok();
    let mine: Vec<HelpRequestSummary> = resident.call("help/mine", &[]).await.json();
    let _ = app;
    mine[0].id
}

async fn detail(client: &Client, id: i64) -> crate::helpers::Reply {
    client.call("help/detail", &[("id", &id.to_string())]).await
}

async fn act(client: &Client, id: i64, action: HelpAction, extra: &[(&str, &str)]) -> crate::helpers::Reply {
    let id = id.to_string();
    let action = format!("{action:?}");
    let mut form = vec![("id", id.as_str()), ("action", action.as_str())];
    form.extend_from_slice(extra);
    client.call("help/act", &form).await
}

async fn notifications_of(app: &TestApp, email: &str) -> Vec<notification::Model> {
    let id = app.account_id(email).await;
    app::ssr::notifications::for_recipient(&app.state.db, id).await.unwrap()
}

async fn stored(app: &TestApp, id: i64) -> help_request::Model {
    help_request::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap()
}

on_both_backends! {
    async fn a_retried_submission_creates_one_request_and_tells_the_buildings_volunteers(app) {
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let first = urgent_request(&app, &resident, "retry-key-0001").await;
        let again = urgent_request(&app, &resident, "retry-key-0001").await;
        assert_eq!(first, again);
        assert_eq!(help_request::Entity::find().count(&app.state.db).await.unwrap(), 1);

        let told = notifications_of(&app, "volunteer1@demo.jiayuan").await;
        assert_eq!(told.len(), 1, "the building's volunteer is told once");
        assert!(told[0].urgent);
        assert_eq!(told[0].url, format!("/help/{first}"));
        assert!(!told[0].body.contains("感冒药") && !told[0].body.contains("王阿姨"), "no description or name in a push: {}", told[0].body);
        assert!(notifications_of(&app, "volunteer2@demo.jiayuan").await.is_empty(), "building 2 is not told yet");
    }

    async fn pending_residents_cannot_ask_and_bad_input_is_named(app) {
        let pending = app.signed_in("pending1@demo.jiayuan").await;
        let reply = pending.call("help/post", &[("category", "errand"), ("urgency", "today"), ("description", "帮忙取快递"), ("key", "pending-key-1")]).await;
        assert_eq!(reply.error(), AppError::NotVerified);
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let reply = resident.call("help/post", &[("category", "flying"), ("urgency", "now"), ("description", "x"), ("key", "resident-key-1")]).await;
        let error = reply.error();
        assert_eq!(error.field("category"), Some(Key::FieldChoose));
        assert_eq!(error.field("urgency"), Some(Key::FieldChoose));
        assert_eq!(error.field("description"), Some(Key::FieldDescriptionLength));
        assert_eq!(help_request::Entity::find().count(&app.state.db).await.unwrap(), 0);
    }

    async fn the_contact_is_shown_only_to_the_holding_volunteer_and_staff(app) {
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let id = urgent_request(&app, &resident, "contact-key-01").await;
        let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
        let staff = app.signed_in("staff1@demo.jiayuan").await;

        let before: HelpRequestDetail = detail(&volunteer, id).await.json();
        assert_eq!(before.contact, None, "an eligible volunteer sees no contact before claiming");
        let own: HelpRequestDetail = detail(&resident, id).await.json();
        assert_eq!(own.contact, None);
        for stranger in ["volunteer2@demo.jiayuan", "resident2@demo.jiayuan", "committee1@demo.jiayuan", "admin@demo.jiayuan"] {
            let client = app.signed_in(stranger).await;
            let reply = detail(&client, id).await;
            if stranger == "admin@demo.jiayuan" {
                // The street admin may triage, but the contact is for the service centre's staff.
                assert_eq!(reply.json::<HelpRequestDetail>().contact, None);
            } else {
                assert_eq!(reply.status, StatusCode::FORBIDDEN, "{stranger} opened the request");
            }
        }
        assert_eq!(detail(&app.client(), id).await.status, StatusCode::UNAUTHORIZED);
        let seen_by_staff: HelpRequestDetail = detail(&staff, id).await.json();
        assert_eq!(seen_by_staff.contact.as_deref(), Some("+8613800000001"));

        act(&volunteer, id, HelpAction::Claim, &[]).await.assert_ok();
        let held: HelpRequestDetail = detail(&volunteer, id).await.json();
        assert_eq!(held.contact.as_deref(), Some("+8613800000001"));
        assert!(held.address.unwrap().ends_with("101"));

        act(&volunteer, id, HelpAction::Release, &[("reason", "临时有事")]).await.assert_ok();
        let released: HelpRequestDetail = detail(&volunteer, id).await.json();
        assert_eq!(released.contact, None, "after handing it back the volunteer no longer sees the contact");
    }

    async fn the_first_claim_wins(app) {
        let admin = app.signed_in("admin@demo.jiayuan").await;
        let building = app::ssr::places::directory(&app.state.db, app::i18n::Locale::Zh).await.unwrap().communities[0].buildings[0].id;
        let resident2 = app.account_id("resident2@demo.jiayuan").await.to_string();
        admin.call("console/grant_role", &[("account_id", &resident2), ("role", "volunteer"), ("building_id", &building.to_string())]).await.assert_ok();

        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let id = urgent_request(&app, &resident, "race-key-0001").await;
        let a = app.signed_in("volunteer1@demo.jiayuan").await;
        let b = app.signed_in("resident2@demo.jiayuan").await;
        let (ra, rb) = tokio::join!(act(&a, id, HelpAction::Claim, &[]), act(&b, id, HelpAction::Claim, &[]));
        let wins = [&ra, &rb].iter().filter(|r| r.status.is_success()).count();
        assert_eq!(wins, 1, "exactly one claim wins: {} / {}", ra.status, rb.status);
        let loser = if ra.status.is_success() { &rb } else { &ra };
        assert_eq!(loser.status, StatusCode::CONFLICT);
        assert_eq!(loser.error(), AppError::Conflict(Key::HelpAlreadyClaimed));
        let again = act(&b, id, HelpAction::Claim, &[]).await;
        assert!(again.status == StatusCode::CONFLICT, "{}", again.status);
    }

    async fn the_whole_life_of_a_request_is_on_its_timeline(app) {
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let id = urgent_request(&app, &resident, "life-key-00001").await;
        let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
        act(&volunteer, id, HelpAction::Claim, &[]).await.assert_ok();
        act(&volunteer, id, HelpAction::Start, &[]).await.assert_ok();
        let no_minutes = act(&volunteer, id, HelpAction::ReportDone, &[("minutes", "0")]).await;
        assert_eq!(no_minutes.error().field("minutes"), Some(Key::FieldMinutes));
        act(&volunteer, id, HelpAction::ReportDone, &[("minutes", "45")]).await.assert_ok();
        act(&resident, id, HelpAction::Confirm, &[]).await.assert_ok();
        resident.call("help/thank", &[("id", &id.to_string()), ("thanks", "谢谢小刘！"), ("rating", "5")]).await.assert_ok();
        let twice = resident.call("help/thank", &[("id", &id.to_string()), ("thanks", "再谢"), ("rating", "4")]).await;
        assert_eq!(twice.status, StatusCode::CONFLICT);

        let d: HelpRequestDetail = detail(&resident, id).await.json();
        assert_eq!(d.summary.state, HelpState::Resolved);
        assert_eq!(d.rating, Some(5));
        let steps: Vec<Key> = d.timeline.iter().map(|e| e.what).collect();
        assert_eq!(steps, vec![Key::HelpEvCreated, Key::HelpEvClaimed, Key::HelpEvStarted, Key::HelpEvDoneReported, Key::HelpEvConfirmed, Key::HelpEvThanked]);
        assert_eq!(d.timeline[1].who, "志愿者小刘");

        let board: Board = volunteer.call("help/board", &[]).await.json();
        assert_eq!((board.resolved, board.minutes), (1, 45), "the volunteer's tally");
        let updates = notifications_of(&app, "resident1@demo.jiayuan").await;
        assert!(updates.len() >= 3, "the requester hears of each step");
    }

    async fn forbidden_moves_are_refused_and_change_nothing(app) {
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let id = urgent_request(&app, &resident, "refuse-key-001").await;
        let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
        let other_volunteer = app.signed_in("volunteer2@demo.jiayuan").await;
        let neighbour = app.signed_in("resident2@demo.jiayuan").await;
        let before = stored(&app, id).await;
        for (who, action, expected) in [
            (&resident, HelpAction::Claim, StatusCode::CONFLICT),
            (&resident, HelpAction::Start, StatusCode::CONFLICT),
            (&volunteer, HelpAction::Start, StatusCode::CONFLICT),
            (&volunteer, HelpAction::Confirm, StatusCode::CONFLICT),
            (&volunteer, HelpAction::Cancel, StatusCode::CONFLICT),
            (&volunteer, HelpAction::Expire, StatusCode::CONFLICT),
            (&other_volunteer, HelpAction::Claim, StatusCode::FORBIDDEN),
            (&neighbour, HelpAction::Cancel, StatusCode::FORBIDDEN),
        ] {
            let reply = act(who, id, action, &[]).await;
            assert_eq!(reply.status, expected, "{action:?}: {}", reply.body);
        }
        assert_eq!(stored(&app, id).await, before, "a refused move changes nothing");

        act(&volunteer, id, HelpAction::Claim, &[]).await.assert_ok();
        let before = stored(&app, id).await;
        for (who, action) in [(&resident, HelpAction::Start), (&resident, HelpAction::ReportDone), (&volunteer, HelpAction::Claim), (&volunteer, HelpAction::Confirm)] {
            assert!(!act(who, id, action, &[("minutes", "10")]).await.status.is_success(), "{action:?}");
        }
        let no_reason = act(&volunteer, id, HelpAction::Release, &[("reason", " ")]).await;
        assert_eq!(no_reason.error().field("reason"), Some(Key::FieldRequired));
        assert_eq!(stored(&app, id).await, before);

        act(&resident, id, HelpAction::Cancel, &[]).await.assert_ok();
        let before = stored(&app, id).await;
        for action in [HelpAction::Claim, HelpAction::Start, HelpAction::Confirm, HelpAction::Release] {
            assert_eq!(act(&volunteer, id, action, &[("reason", "x")]).await.status, StatusCode::CONFLICT, "{action:?} after cancel");
        }
        assert_eq!(act(&resident, id, HelpAction::Confirm, &[]).await.status, StatusCode::CONFLICT);
        assert_eq!(stored(&app, id).await, before);
    }

    async fn unclaimed_requests_escalate_on_the_clock_even_across_a_restart(app) {
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let id = urgent_request(&app, &resident, "escalate-key-1").await;
        app.clock.advance(chrono::Duration::minutes(9));
        let first = app.run_timers().await;
        assert_eq!(first.escalated, 0);
        assert_eq!(first.call_listed, 1, "no volunteer's phone confirmed it: staff call round");
        app.clock.advance(chrono::Duration::minutes(2));
        assert_eq!(app.run_timers().await.escalated, 1);
        assert_eq!(stored(&app, id).await.escalation_level, 1);
        let told = notifications_of(&app, "volunteer2@demo.jiayuan").await;
        assert_eq!(told.len(), 1, "the neighbouring building's volunteer is told");
        let board: Board = app.signed_in("volunteer2@demo.jiayuan").await.call("help/board", &[]).await.json();
        assert!(board.open.iter().any(|r| r.id == id), "and sees it on the board");
        let call_list_title = Key::NotifyCallListTitle.text(app::i18n::Locale::Zh);
        let staff_told: Vec<String> = notifications_of(&app, "staff1@demo.jiayuan").await.into_iter().map(|n| n.title).collect();
        assert_eq!(staff_told, vec![call_list_title.to_owned()], "only the call list so far");
        assert_eq!(app.run_timers().await.escalated, 0, "one escalation per step");

        // The server goes away and another starts on the same database.
        let restarted = app.restart().await;
        restarted.clock.advance(chrono::Duration::minutes(10));
        assert_eq!(restarted.run_timers().await.escalated, 1);
        assert_eq!(stored(&restarted, id).await.escalation_level, 2);
        let staff_told = notifications_of(&restarted, "staff1@demo.jiayuan").await;
        assert_eq!(staff_told.len(), 2);
        assert_eq!(staff_told[0].topic, "staff_help");
        assert_eq!(staff_told[0].title, Key::NotifyEscalatedTitle.text(app::i18n::Locale::Zh));
        let triage: Triage = restarted.signed_in("staff1@demo.jiayuan").await.call("help/triage", &[]).await.json();
        assert_eq!(triage.requests.items[0].id, id, "escalated requests come first for staff");
        let d: HelpRequestDetail = detail(&resident, id).await.json();
        let steps: Vec<Key> = d.timeline.iter().map(|e| e.what).collect();
        assert_eq!(steps, vec![Key::HelpEvCreated, Key::HelpEvCallListed, Key::HelpEvNeighbours, Key::HelpEvStaff]);
        assert_eq!(restarted.run_timers().await, Default::default(), "nothing left to do");
    }

    async fn unclaimed_requests_expire_and_reported_ones_resolve_after_72_hours(app) {
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let forgotten = urgent_request(&app, &resident, "expire-key-001").await;
        let helped = urgent_request(&app, &resident, "resolve-key-01").await;
        let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
        act(&volunteer, helped, HelpAction::Claim, &[]).await.assert_ok();
        act(&volunteer, helped, HelpAction::ReportDone, &[("minutes", "30")]).await.assert_ok();
        app.clock.advance(chrono::Duration::hours(25));
        let report = app.run_timers().await;
        assert_eq!(report.expired, 1);
        assert_eq!(stored(&app, forgotten).await.state, "expired");
        assert_eq!(stored(&app, helped).await.state, "in_progress", "72 hours are not over");
        app.clock.advance(chrono::Duration::hours(48));
        assert_eq!(app.run_timers().await.auto_resolved, 1);
        assert_eq!(stored(&app, helped).await.state, "resolved");
    }

    async fn staff_take_hotline_requests_with_consent_and_assign_volunteers(app) {
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let form = |consent: bool| {
            let mut f = vec![("resident", "resident4@demo.jiayuan"), ("category", "check_in"), ("urgency", "today"), ("description", "独居老人，请上门看看"), ("key", "hotline-key-01")];
            if consent {
                f.push(("consent", "yes"));
            }
            f
        };
        let refused = staff.call("help/hotline", &form(false)).await;
        assert_eq!(refused.error().field("consent"), Some(Key::FieldConsentHotline));
        staff.call("help/hotline", &form(true)).await.assert_ok();
        let request = help_request::Entity::find().one(&app.state.db).await.unwrap().unwrap();
        assert!(request.via_hotline);
        assert_eq!(request.requester_id, app.account_id("resident4@demo.jiayuan").await);

        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let not_staff = resident.call("help/hotline", &form(true)).await;
        assert!(!not_staff.status.is_success());
        assert_eq!(help_request::Entity::find().count(&app.state.db).await.unwrap(), 1);

        let volunteer2 = app.account_id("volunteer2@demo.jiayuan").await.to_string();
        assert_eq!(act(&resident, request.id, HelpAction::Assign, &[("volunteer_id", &volunteer2)]).await.status, StatusCode::FORBIDDEN);
        act(&staff, request.id, HelpAction::Assign, &[("volunteer_id", &volunteer2)]).await.assert_ok();
        let held: HelpRequestDetail = detail(&app.signed_in("volunteer2@demo.jiayuan").await, request.id).await.json();
        assert!(held.contact.is_some());
        let staff_updates = notifications_of(&app, "staff1@demo.jiayuan").await;
        assert!(staff_updates.is_empty(), "staff do not notify themselves of their own moves");
        let logged = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("help.assign"))
            .filter(audit_entry::Column::ObjectId.eq(request.id))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(logged, 1, "assigning is audited");
    }

    async fn off_duty_volunteers_are_not_told(app) {
        let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
        volunteer.call("help/duty", &[("on_duty", "false")]).await.assert_ok();
        let board: Board = volunteer.call("help/board", &[]).await.json();
        assert!(!board.on_duty);
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        urgent_request(&app, &resident, "offduty-key-01").await;
        assert!(notifications_of(&app, "volunteer1@demo.jiayuan").await.is_empty());
        let board: Board = volunteer.call("help/board", &[]).await.json();
        assert_eq!(board.open.len(), 1, "the board still shows it");
        let not_volunteer = app.signed_in("resident2@demo.jiayuan").await.call("help/board", &[]).await;
        assert_eq!(not_volunteer.status, StatusCode::FORBIDDEN);
        let _ = notification::Entity::find().filter(notification::Column::Topic.eq("building_help")).count(&app.state.db).await.unwrap();
    }
}
