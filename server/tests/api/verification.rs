use crate::on_both_backends;
use app::error::AppError;
use app::i18n::Key;
use app::model::{AccountStatus, Listing, PendingAccount};
use app::ssr::db::entities::{account, audit_entry};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn account_id(app: &crate::helpers::TestApp, email: &str) -> i64 {
    account::Entity::find().filter(account::Column::Email.eq(email)).one(&app.state.db).await.unwrap().unwrap().id
}

async fn status(app: &crate::helpers::TestApp, id: i64) -> String {
    account::Entity::find_by_id(id).one(&app.state.db).await.unwrap().unwrap().status
}

/// Registers a pending person in the second community (海滨).
async fn pending_in_haibin(app: &crate::helpers::TestApp) -> i64 {
    let directory = app::ssr::places::directory(&app.state.db, app::i18n::Locale::Zh).await.unwrap();
    let building = &directory.communities[1].buildings[0];
    let client = app.client();
    client
        .call(
            "accounts/register",
            &[
                ("contact", "haibin@example.cn"),
                ("name", "海滨居民"),
                ("password", "a-good-password"),
                ("building_id", &building.id.to_string()),
                ("unit_id", &building.units[0].id.to_string()),
                ("room", "101"),
                ("consent", "yes"),
            ],
        )
        .await
        .assert_ok();
    client.viewer().await.unwrap().id.0
}

on_both_backends! {
    async fn staff_see_the_queue_and_verify_a_resident(app) {
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let queue: Vec<PendingAccount> = staff.call("console/pending", &[]).await.json::<Listing<PendingAccount>>().items;
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].contact, "pending1@demo.jiayuan", "staff see the contact they verify");
        let pending = app.signed_in("pending1@demo.jiayuan").await;
        assert_eq!(pending.viewer().await.unwrap().status, AccountStatus::Pending);

        let id = queue[0].id.0.to_string();
        staff.call("console/verify", &[("account_id", &id)]).await.assert_ok();

        assert_eq!(pending.viewer().await.unwrap().status, AccountStatus::Verified);
        let queue: Vec<PendingAccount> = staff.call("console/pending", &[]).await.json::<Listing<PendingAccount>>().items;
        assert!(queue.is_empty());
        let audit = audit_entry::Entity::find().filter(audit_entry::Column::Action.eq("account.verify")).all(&app.state.db).await.unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].object_id, Some(queue_id(&id)));
        assert_eq!(audit[0].actor_id, Some(account_id(&app, "staff1@demo.jiayuan").await));

        let again = staff.call("console/verify", &[("account_id", &id)]).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert_eq!(again.error(), AppError::Conflict(Key::ErrAlreadyDecided));
    }

    async fn a_declined_person_sees_the_reason(app) {
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let id = account_id(&app, "pending1@demo.jiayuan").await.to_string();
        let short = staff.call("console/reject", &[("account_id", &id), ("reason", "x")]).await;
        assert_eq!(short.error().field("reason"), Some(Key::FieldReasonLength));
        assert_eq!(status(&app, id.parse().unwrap()).await, "pending", "a refused request changes nothing");

        staff.call("console/reject", &[("account_id", &id), ("reason", "门牌号与登记不符")]).await.assert_ok();
        let person = app.signed_in("pending1@demo.jiayuan").await.viewer().await.unwrap();
        assert_eq!(person.status, AccountStatus::Rejected);
        assert_eq!(person.rejection_reason.as_deref(), Some("门牌号与登记不符"));
        let audit = audit_entry::Entity::find().filter(audit_entry::Column::Action.eq("account.reject")).one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(audit.reason.as_deref(), Some("门牌号与登记不符"));
    }

    async fn residents_volunteers_committee_and_strangers_cannot_verify(app) {
        let id = account_id(&app, "pending1@demo.jiayuan").await.to_string();
        for (who, expected) in [
            ("resident1@demo.jiayuan", StatusCode::FORBIDDEN),
            ("volunteer1@demo.jiayuan", StatusCode::FORBIDDEN),
            ("committee1@demo.jiayuan", StatusCode::FORBIDDEN),
            ("pending1@demo.jiayuan", StatusCode::FORBIDDEN),
        ] {
            let client = app.signed_in(who).await;
            assert_eq!(client.call("console/pending", &[]).await.status, expected, "{who} opened the queue");
            assert_eq!(client.call("console/verify", &[("account_id", &id)]).await.status, expected, "{who} verified");
            assert_eq!(client.call("console/reject", &[("account_id", &id), ("reason", "不认识")]).await.status, expected, "{who} rejected");
        }
        let anonymous = app.client();
        assert_eq!(anonymous.call("console/pending", &[]).await.error(), AppError::Unauthenticated);
        assert_eq!(anonymous.call("console/verify", &[("account_id", &id)]).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(status(&app, id.parse().unwrap()).await, "pending");
    }

    async fn staff_of_one_community_cannot_verify_in_another(app) {
        let haibin_person = pending_in_haibin(&app).await;
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let queue: Vec<PendingAccount> = staff.call("console/pending", &[]).await.json::<Listing<PendingAccount>>().items;
        assert!(queue.iter().all(|p| p.id.0 != haibin_person), "another community's queue stays hidden");
        let reply = staff.call("console/verify", &[("account_id", &haibin_person.to_string())]).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        assert_eq!(status(&app, haibin_person).await, "pending");
        // The street admin sees every community.
        let admin = app.signed_in("admin@demo.jiayuan").await;
        let queue: Vec<PendingAccount> = admin.call("console/pending", &[]).await.json::<Listing<PendingAccount>>().items;
        assert_eq!(queue.len(), 2);
        admin.call("console/verify", &[("account_id", &haibin_person.to_string())]).await.assert_ok();
        assert_eq!(status(&app, haibin_person).await, "verified");
    }
}

fn queue_id(id: &str) -> i64 {
    id.parse().unwrap()
}
