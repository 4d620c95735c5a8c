//! Two-step sign-in for staff: enrolment, the code after the password (once per code, five
//! tries, five minutes), the street's rule that closes the console until staff enrol, and the
//! admin's reset for a lost phone. Who may call what is in the access matrix.

use crate::helpers::{Client, DEMO_PASSWORD, TestApp};
use crate::on_both_backends;
use app::error::AppError;
use app::i18n::Key;
use app::model::TwoStepStatus;
use app::ssr::db::entities::{audit_entry, sign_in_challenge, two_factor_secret};
use app::ssr::two_factor::{code_at, secret_bytes, step_of};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const STAFF: &str = "staff1@demo.jiayuan";
const ADMIN: &str = "admin@demo.jiayuan";

/// What the person's authenticator app shows now (`steps` later or earlier).
async fn code(app: &TestApp, email: &str, steps: i64) -> String {
    let row = two_factor_secret::Entity::find_by_id(app.account_id(email).await)
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("an authenticator was enrolled");
    format!("{:06}", code_at(&secret_bytes(&row.secret).unwrap(), step_of(app.now()) + steps))
}

async fn status(client: &Client) -> TwoStepStatus {
    client.call("accounts/two_step", &[]).await.json()
}

/// Signs `email` in and turns two-step sign-in on, as on `/me/security`.
async fn enrol(app: &TestApp, email: &str) -> Client {
    let client = app.signed_in(email).await;
    client.call("accounts/two_step_begin", &[]).await.assert_ok();
    let right = code(app, email, 0).await;
    client.call("accounts/two_step_confirm", &[("code", &right)]).await.assert_ok();
    client
}

async fn audited(app: &TestApp, action: &str) -> u64 {
    audit_entry::Entity::find().filter(audit_entry::Column::Action.eq(action)).count(&app.state.db).await.unwrap()
}

fn assert_refused(reply: &crate::helpers::Reply, status: StatusCode, error: AppError) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.error(), error);
}

on_both_backends! {
    async fn staff_enrol_with_a_code_and_then_sign_in_with_one(app) {
        let earlier_device = app.signed_in(STAFF).await;
        let client = app.signed_in(STAFF).await;
        let fresh = status(&client).await;
        assert!(!fresh.enabled && fresh.enrolment.is_none() && !fresh.required);

        client.call("accounts/two_step_begin", &[]).await.assert_ok();
        let enrolment = status(&client).await.enrolment.expect("enrolment shows the app what it needs");
        assert!(enrolment.qr_svg.starts_with("<svg"), "{}", &enrolment.qr_svg[..40]);
        assert_eq!(enrolment.secret.split(' ').map(str::len).sum::<usize>(), 32, "160 bits in base32, grouped");

        // A wrong code changes nothing.
        let wrong = client.call("accounts/two_step_confirm", &[("code", "000000")]).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(wrong.error().field("code"), Some(Key::FieldCodeWrong));
        assert!(!status(&client).await.enabled);

        let right = code(&app, STAFF, 0).await;
        client.call("accounts/two_step_confirm", &[("code", &right)]).await.assert_ok();
        let on = status(&client).await;
        assert!(on.enabled && on.enrolment.is_none());
        assert!(client.viewer().await.unwrap().two_step, "this device stays signed in");
        assert!(earlier_device.viewer().await.is_none(), "devices signed in with the password alone are signed out");
        assert_eq!(audited(&app, "two_step.on").await, 1);

        // Signing in: the password alone is not a session.
        app.clock.advance(chrono::Duration::seconds(30));
        let phone = app.client();
        phone.login(STAFF, DEMO_PASSWORD).await.assert_ok();
        assert!(phone.viewer().await.is_none(), "no session before the code");
        let wrong = phone.call("accounts/second_step", &[("code", "123456")]).await;
        assert_eq!(wrong.error().field("code"), Some(Key::FieldCodeWrong));
        assert!(phone.viewer().await.is_none());
        let right = code(&app, STAFF, 0).await;
        phone.call("accounts/second_step", &[("code", &right)]).await.assert_ok();
        assert_eq!(phone.viewer().await.expect("signed in after the code").id.0, app.account_id(STAFF).await);
        assert_eq!(sign_in_challenge::Entity::find().count(&app.state.db).await.unwrap(), 0, "the challenge is closed");

        // A wrong password never reaches the code page.
        let stranger = app.client();
        assert_refused(&stranger.login(STAFF, "not-the-password").await, StatusCode::UNAUTHORIZED, AppError::BadCredentials);
        assert_refused(&stranger.call("accounts/second_step", &[("code", &right)]).await, StatusCode::CONFLICT, AppError::Conflict(Key::ErrSignInAgain));
    }

    async fn a_code_works_once_and_only_near_its_time(app) {
        enrol(&app, STAFF).await;
        app.clock.advance(chrono::Duration::seconds(30));
        let used = code(&app, STAFF, 0).await;
        let first = app.client();
        first.login(STAFF, DEMO_PASSWORD).await.assert_ok();
        first.call("accounts/second_step", &[("code", &used)]).await.assert_ok();

        // Someone who watched the code being typed, with the password too, is refused.
        let watcher = app.client();
        watcher.login(STAFF, DEMO_PASSWORD).await.assert_ok();
        let replay = watcher.call("accounts/second_step", &[("code", &used)]).await;
        assert_eq!(replay.error().field("code"), Some(Key::FieldCodeWrong));
        assert!(watcher.viewer().await.is_none());
        // An earlier code is refused too: only steps after the last one used count.
        let earlier = code(&app, STAFF, -1).await;
        assert_eq!(watcher.call("accounts/second_step", &[("code", &earlier)]).await.error().field("code"), Some(Key::FieldCodeWrong));
        // A code two steps away (a minute off) is refused; the next step's is accepted.
        let far = code(&app, STAFF, 2).await;
        assert_eq!(watcher.call("accounts/second_step", &[("code", &far)]).await.error().field("code"), Some(Key::FieldCodeWrong));
        let next = code(&app, STAFF, 1).await;
        watcher.call("accounts/second_step", &[("code", &next)]).await.assert_ok();
        assert!(watcher.viewer().await.is_some());
    }

    async fn five_wrong_codes_or_five_minutes_send_the_person_back_to_the_password(app) {
        enrol(&app, STAFF).await;
        app.clock.advance(chrono::Duration::seconds(30));
        let guesser = app.client();
        guesser.login(STAFF, DEMO_PASSWORD).await.assert_ok();
        for _ in 0..4 {
            let reply = guesser.call("accounts/second_step", &[("code", "111111")]).await;
            assert_eq!(reply.error().field("code"), Some(Key::FieldCodeWrong));
        }
        assert_refused(&guesser.call("accounts/second_step", &[("code", "111111")]).await, StatusCode::TOO_MANY_REQUESTS, AppError::TooManyRequests);
        let right = code(&app, STAFF, 0).await;
        assert_refused(&guesser.call("accounts/second_step", &[("code", &right)]).await, StatusCode::CONFLICT, AppError::Conflict(Key::ErrSignInAgain));
        assert!(guesser.viewer().await.is_none());

        let slow = app.client();
        slow.login(STAFF, DEMO_PASSWORD).await.assert_ok();
        app.clock.advance(chrono::Duration::minutes(6));
        let right = code(&app, STAFF, 0).await;
        assert_refused(&slow.call("accounts/second_step", &[("code", &right)]).await, StatusCode::CONFLICT, AppError::Conflict(Key::ErrSignInAgain));
        assert!(slow.viewer().await.is_none());
    }

    async fn the_street_rule_closes_the_console_until_staff_enrol(app) {
        let admin = app.signed_in(ADMIN).await;
        // The admin cannot lock themselves out: they enrol first.
        let early = admin.call("console/require_two_step", &[("required", "1")]).await;
        assert_refused(&early, StatusCode::CONFLICT, AppError::Conflict(Key::TwoStepEnrolFirst));
        assert!(!admin.call("console/two_step_rule", &[]).await.json::<bool>());

        let staff = app.signed_in(STAFF).await;
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        staff.call("console/summary", &[]).await.assert_ok();

        let admin = enrol(&app, ADMIN).await;
        admin.call("console/require_two_step", &[("required", "1")]).await.assert_ok();
        assert!(admin.call("console/two_step_rule", &[]).await.json::<bool>());
        assert_eq!(audited(&app, "two_step.require").await, 1);
        admin.call("console/summary", &[]).await.assert_ok();

        // Staff without an authenticator keep their session but not the console.
        assert_refused(&staff.call("console/summary", &[]).await, StatusCode::FORBIDDEN, AppError::Forbidden);
        assert_refused(&staff.call("console/pending", &[]).await, StatusCode::FORBIDDEN, AppError::Forbidden);
        let viewer = staff.viewer().await.unwrap();
        assert!(viewer.two_step_due && viewer.is_console_user());
        assert!(!resident.viewer().await.unwrap().two_step_due, "residents are not asked");
        let page = staff.get("/console").await;
        assert!(page.body.contains("two-step-due"), "the console page says what to do");

        let right = {
            staff.call("accounts/two_step_begin", &[]).await.assert_ok();
            code(&app, STAFF, 0).await
        };
        staff.call("accounts/two_step_confirm", &[("code", &right)]).await.assert_ok();
        staff.call("console/summary", &[]).await.assert_ok();
        assert!(!staff.viewer().await.unwrap().two_step_due);

        // While the rule stands, nobody turns theirs off.
        let off = staff.call("accounts/two_step_off", &[("password", DEMO_PASSWORD)]).await;
        assert_refused(&off, StatusCode::CONFLICT, AppError::Conflict(Key::TwoStepRequiredStays));
        assert!(status(&staff).await.enabled);

        admin.call("console/require_two_step", &[("required", "0")]).await.assert_ok();
        assert_eq!(audited(&app, "two_step.make_optional").await, 1);
        let wrong = staff.call("accounts/two_step_off", &[("password", "not-the-password")]).await;
        assert_eq!(wrong.error().field("password"), Some(Key::FieldPasswordWrong));
        assert!(status(&staff).await.enabled, "a wrong password changes nothing");
        staff.call("accounts/two_step_off", &[("password", DEMO_PASSWORD)]).await.assert_ok();
        assert!(!status(&staff).await.enabled);
        assert_eq!(audited(&app, "two_step.off").await, 1);
        // Off again, the password alone signs in.
        app.signed_in(STAFF).await.call("console/summary", &[]).await.assert_ok();
    }

    async fn an_admin_resets_a_lost_phone_and_the_person_is_signed_out(app) {
        let staff = enrol(&app, STAFF).await;
        let staff_id = app.account_id(STAFF).await.to_string();
        let admin = app.signed_in(ADMIN).await;
        let people: app::model::Listing<app::model::PersonSummary> =
            admin.call("console/people", &[("q", "staff1")]).await.json();
        assert!(people.items.iter().any(|p| p.two_step), "the people list shows who uses it");

        admin.call("console/reset_two_step", &[("account_id", &staff_id)]).await.assert_ok();
        assert!(staff.viewer().await.is_none(), "the lost phone's session is gone");
        assert_eq!(audited(&app, "two_step.reset").await, 1);
        let again = admin.call("console/reset_two_step", &[("account_id", &staff_id)]).await;
        assert_refused(&again, StatusCode::CONFLICT, AppError::Conflict(Key::TwoStepNotOn));
        // The next sign-in is with the password, and they can enrol again.
        let new_phone = app.signed_in(STAFF).await;
        assert!(!status(&new_phone).await.enabled);
    }
}
