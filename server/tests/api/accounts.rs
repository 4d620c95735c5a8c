use crate::helpers::DEMO_PASSWORD;
use crate::on_both_backends;
use app::error::AppError;
use app::i18n::Key;
use app::model::AccountStatus;
use app::ssr::db::entities::account;
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

async fn accounts_count(app: &crate::helpers::TestApp) -> u64 {
    account::Entity::find().count(&app.state.db).await.unwrap()
}

/// The registration form as a resident fills it in: building 1 of 花果山, its first entrance.
async fn registration_form(app: &crate::helpers::TestApp) -> (String, String) {
    let directory = app::ssr::places::directory(&app.state.db, app::i18n::Locale::Zh).await.unwrap();
    let building = &directory.communities[0].buildings[0];
    (building.id.to_string(), building.units[0].id.to_string())
}

on_both_backends! {
    async fn health_check_reports_the_database(app) {
        let reply = app.client().get("/healthz").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.contains("\"status\":\"ok\""), "{}", reply.body);
    }

    async fn a_new_resident_registers_and_starts_pending(app) {
        let client = app.client();
        let (building, unit) = registration_form(&app).await;
        let reply = client.call("accounts/register", &[
            ("contact", "139 1234 5678"), ("name", "新住户"), ("password", "a-good-password"),
            ("building_id", &building), ("unit_id", &unit), ("room", "1203"), ("consent", "yes"),
        ]).await;
        reply.assert_ok();
        let viewer = client.viewer().await.expect("registration signs the person in");
        assert_eq!(viewer.status, AccountStatus::Pending);
        assert_eq!(viewer.contact_masked, "+86 139****5678");
        assert!(viewer.address.unwrap().ends_with("1203"));
        // And the same person can sign in again with the normalised number typed differently.
        let again = app.client();
        again.login("+8613912345678", "a-good-password").await.assert_ok();
        let stored = account::Entity::find_by_id(viewer.id.0).one(&app.state.db).await.unwrap().unwrap();
        assert!(stored.password_hash.starts_with("$argon2id$"), "passwords are stored as argon2id hashes");
        assert_eq!(stored.privacy_version.as_deref(), Some(app::ssr::accounts::PRIVACY_VERSION));
    }

    async fn bad_registrations_name_every_field_and_change_nothing(app) {
        let before = accounts_count(&app).await;
        let reply = app.client().call("accounts/register", &[
            ("contact", "12345"), ("name", " "), ("password", "short"),
            ("building_id", ""), ("unit_id", "x"), ("room", "<script>"),
        ]).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        let error = reply.error();
        assert_eq!(error.field("contact"), Some(Key::FieldContactInvalid));
        assert_eq!(error.field("name"), Some(Key::FieldRequired));
        assert_eq!(error.field("password"), Some(Key::FieldPasswordShort));
        assert_eq!(error.field("building_id"), Some(Key::FieldChoose));
        assert_eq!(error.field("room"), Some(Key::FieldRoomInvalid));
        assert_eq!(error.field("consent"), Some(Key::FieldConsent));
        assert_eq!(accounts_count(&app).await, before);
    }

    async fn an_entrance_of_another_building_is_refused(app) {
        let directory = app::ssr::places::directory(&app.state.db, app::i18n::Locale::Zh).await.unwrap();
        let buildings = &directory.communities[0].buildings;
        let before = accounts_count(&app).await;
        let reply = app.client().call("accounts/register", &[
            ("contact", "someone@example.cn"), ("name", "某人"), ("password", "a-good-password"),
            ("building_id", &buildings[0].id.to_string()), ("unit_id", &buildings[1].units[0].id.to_string()),
            ("room", "101"), ("consent", "yes"),
        ]).await;
        assert_eq!(reply.error().field("unit_id"), Some(Key::FieldUnitMismatch));
        assert_eq!(accounts_count(&app).await, before);
    }

    async fn a_contact_registers_once(app) {
        let (building, unit) = registration_form(&app).await;
        let reply = app.client().call("accounts/register", &[
            ("contact", "Resident1@Demo.Jiayuan"), ("name", "冒名"), ("password", "a-good-password"),
            ("building_id", &building), ("unit_id", &unit), ("room", "101"), ("consent", "yes"),
        ]).await;
        assert_eq!(reply.error().field("contact"), Some(Key::ErrAlreadyRegistered));
    }

    async fn wrong_passwords_are_refused_then_throttled(app) {
        let client = app.client();
        let reply = client.login("resident1@demo.jiayuan", "wrong-password").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.error(), AppError::BadCredentials);
        let unknown = client.login("nobody@demo.jiayuan", "wrong-password").await;
        assert_eq!(unknown.error(), AppError::BadCredentials, "unknown accounts look the same");
        // The test configuration allows 5 attempts per account in the window.
        for _ in 0..4 {
            client.login("resident1@demo.jiayuan", "wrong-password").await;
        }
        let throttled = client.login("resident1@demo.jiayuan", DEMO_PASSWORD).await;
        assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(throttled.error(), AppError::TooManyRequests);
        assert!(client.viewer().await.is_none());
    }

    async fn signing_in_issues_a_fresh_http_only_session_cookie(app) {
        let client = app.client();
        let response = client.http.post(format!("{}/api/accounts/login", client.base))
            .header("cookie", "jy_session=attacker-chosen-value")
            .form(&[("identifier", "resident1@demo.jiayuan"), ("password", DEMO_PASSWORD)])
            .send().await.unwrap();
        let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
        assert!(cookie.starts_with("jy_session="), "{cookie}");
        assert!(!cookie.contains("attacker-chosen-value"));
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(!cookie.contains("Secure"), "plain-HTTP development server");
    }

    async fn sign_out_and_sign_out_everywhere(app) {
        let phone = app.signed_in("resident1@demo.jiayuan").await;
        let laptop = app.signed_in("resident1@demo.jiayuan").await;
        phone.call("accounts/logout", &[]).await;
        assert!(phone.viewer().await.is_none());
        assert!(laptop.viewer().await.is_some(), "signing out one device leaves the others");
        let tablet = app.signed_in("resident1@demo.jiayuan").await;
        tablet.call("accounts/logout_everywhere", &[]).await;
        assert!(laptop.viewer().await.is_none());
        assert!(tablet.viewer().await.is_none());
    }

    async fn changing_the_password_ends_other_sessions(app) {
        let phone = app.signed_in("resident2@demo.jiayuan").await;
        let laptop = app.signed_in("resident2@demo.jiayuan").await;
        let wrong = phone.call("accounts/change_password", &[("current_password", "nope-nope"), ("new_password", "brand-new-pass")]).await;
        assert_eq!(wrong.error().field("current_password"), Some(Key::FieldPasswordWrong));
        phone.call("accounts/change_password", &[("current_password", DEMO_PASSWORD), ("new_password", "brand-new-pass")]).await.assert_ok();
        assert!(phone.viewer().await.is_some(), "the device that changed it stays signed in");
        assert!(laptop.viewer().await.is_none());
        assert_eq!(app.client().login("resident2@demo.jiayuan", DEMO_PASSWORD).await.error(), AppError::BadCredentials);
        app.client().login("resident2@demo.jiayuan", "brand-new-pass").await.assert_ok();
    }

    async fn sessions_end_when_idle_and_at_their_absolute_limit(app) {
        let client = app.signed_in("resident3@demo.jiayuan").await;
        app.clock.advance(chrono::Duration::days(13));
        assert!(client.viewer().await.is_some(), "13 idle days are within the 14-day idle limit");
        app.clock.advance(chrono::Duration::days(13));
        assert!(client.viewer().await.is_some(), "use renews the idle limit");
        app.clock.advance(chrono::Duration::days(15));
        assert!(client.viewer().await.is_none(), "15 idle days end the session");
        let client = app.signed_in("resident3@demo.jiayuan").await;
        for _ in 0..10 {
            app.clock.advance(chrono::Duration::days(10));
            client.viewer().await;
        }
        assert!(client.viewer().await.is_none(), "no session outlives 90 days");
    }

    async fn senior_mode_is_kept_for_the_account_and_follows_it_to_a_new_device(app) {
        let phone = app.signed_in("resident1@demo.jiayuan").await;
        let home = phone.get("/").await.body;
        assert!(!home.contains("class=\"elderly\"") && !home.contains("打电话给服务中心"));
        phone.call("accounts/elderly", &[("on", "1")]).await.assert_ok();
        let home = phone.get("/").await.body;
        assert!(home.contains("class=\"elderly\""), "this device now renders larger");
        assert!(home.contains("我要求助") && home.contains("打电话给服务中心"), "the simple home");
        let me = app.account_id("resident1@demo.jiayuan").await;
        let stored = account::Entity::find_by_id(me).one(&app.state.db).await.unwrap().unwrap();
        assert!(stored.elderly_mode, "remembered for the account");

        // A second phone picks it up when she signs in there.
        let tablet = app.signed_in("resident1@demo.jiayuan").await;
        assert!(tablet.get("/").await.body.contains("打电话给服务中心"));
        tablet.call("accounts/elderly", &[("on", "0")]).await.assert_ok();
        assert!(!tablet.get("/").await.body.contains("打电话给服务中心"));
        // Someone else signing in on that phone gets their own setting, not hers.
        let neighbour = app.signed_in("resident2@demo.jiayuan").await;
        assert!(!neighbour.get("/").await.body.contains("class=\"elderly\""));
    }
}
