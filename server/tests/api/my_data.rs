use crate::helpers::TestApp;
use crate::on_both_backends;
use app::error::AppError;
use app::help::HelpRequestSummary;
use app::i18n::Key;
use app::model::{Listing, PersonSummary};
use app::ssr::db::entities::{account, audit_entry, help_event, help_request, session};
use app::ssr::my_data::DELETED_NAME;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// 王阿姨 (resident1) asks for help and volunteer1 takes it; returns the request id.
async fn request_taken_by_a_volunteer(app: &TestApp) -> i64 {
    let wang = app.signed_in("resident1@demo.jiayuan").await;
    let form =
        [("category", "errand"), ("urgency", "today"), ("description", "想请人帮忙取个快递"), ("key", "my-data-1")];
    wang.call("help/post", &form).await.assert_ok();
    let mine: Vec<HelpRequestSummary> = wang.call("help/mine", &[]).await.json();
    let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
    volunteer.call("help/act", &[("id", &mine[0].id.to_string()), ("action", "Claim")]).await.assert_ok();
    mine[0].id
}

on_both_backends! {
    async fn a_resident_downloads_what_they_entered_and_nothing_about_others(app) {
        request_taken_by_a_volunteer(&app).await;
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        wang.call("forum/open", &[("title", "楼下花坛谁来浇水"), ("body", "最近天热，花坛里的花都蔫了，大家轮流浇水好不好？")]).await.assert_ok();

        let file = wang.get("/me/data.json").await;
        assert!(file.status.is_success());
        let data: serde_json::Value = serde_json::from_str(&file.body).unwrap();
        assert_eq!(data["profile"]["name"], "王阿姨");
        assert_eq!(data["profile"]["phone"], "+8613800000001");
        assert_eq!(data["profile"]["privacy_notice_version"], app::ssr::accounts::PRIVACY_VERSION);
        assert_eq!(data["help_requests"][0]["description"], "想请人帮忙取个快递");
        assert_eq!(data["forum_topics"][0]["title"], "楼下花坛谁来浇水");
        // The volunteer who took it is someone else: neither name nor contact is in the file.
        let volunteer = account::Entity::find().filter(account::Column::Email.eq("volunteer1@demo.jiayuan")).one(&app.state.db).await.unwrap().unwrap();
        assert!(!file.body.contains(&volunteer.display_name) && !file.body.contains("volunteer1@demo.jiayuan"));
        assert!(!file.body.contains("resident2") && !file.body.contains("+8613800000002"));

        assert_eq!(app.client().get("/me/data.json").await.status, 401);
    }

    async fn a_deleted_account_cannot_sign_in_and_its_name_is_gone(app) {
        let id = request_taken_by_a_volunteer(&app).await;
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        let me = app.account_id("resident1@demo.jiayuan").await;

        let wrong = wang.call("accounts/delete", &[("password", "not-my-password"), ("confirm", "yes")]).await;
        assert_eq!(wrong.error().field("password"), Some(Key::FieldPasswordWrong));
        let unconfirmed = wang.call("accounts/delete", &[("password", "jiayuan-demo")]).await;
        assert_eq!(unconfirmed.error().field("confirm"), Some(Key::FieldConfirmDelete));
        assert!(wang.viewer().await.is_some(), "a refused deletion changes nothing");

        wang.call("accounts/delete", &[("password", "jiayuan-demo"), ("confirm", "yes")]).await.assert_ok();
        assert!(wang.viewer().await.is_none(), "signed out");
        assert_eq!(session::Entity::find().filter(session::Column::AccountId.eq(me)).count(&app.state.db).await.unwrap(), 0);
        let again = app.client().login("resident1@demo.jiayuan", "jiayuan-demo").await;
        assert_eq!(again.error(), AppError::BadCredentials);
        let by_phone = app.client().login("13800000001", "jiayuan-demo").await;
        assert_eq!(by_phone.error(), AppError::BadCredentials);

        let gone = account::Entity::find_by_id(me).one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(gone.display_name, DELETED_NAME);
        assert!(gone.phone.is_none() && gone.email.is_none() && gone.room.is_none());
        // The request stays for the volunteer's record, withdrawn and signed "deleted".
        let request = help_request::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(request.state, "cancelled");
        let cancelled = help_event::Entity::find()
            .filter(help_event::Column::RequestId.eq(id))
            .filter(help_event::Column::Kind.eq("cancelled"))
            .one(&app.state.db)
            .await
            .unwrap();
        assert_eq!(cancelled.map(|e| e.actor_id), Some(Some(me)), "on the request's timeline, as the person would cancel it");
        let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
        let seen = volunteer.call("help/detail", &[("id", &id.to_string())]).await.body;
        assert!(seen.contains(DELETED_NAME) && !seen.contains("王阿姨") && !seen.contains("+8613800000001"));
        let admin = app.signed_in("admin@demo.jiayuan").await;
        let found: Listing<PersonSummary> = admin.call("console/people", &[("q", "王阿姨")]).await.json();
        assert_eq!(found.total, 0, "the name is nowhere to be found");
        let logged = audit_entry::Entity::find().filter(audit_entry::Column::Action.eq("account.delete")).one(&app.state.db).await.unwrap().unwrap();
        assert_eq!((logged.actor_id, logged.object_id), (Some(me), Some(me)));
    }
}
