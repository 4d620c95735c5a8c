use crate::on_both_backends;
use app::error::AppError;
use app::i18n::{Key, Locale};
use app::model::{Listing, PersonSummary, RoleKind};
use app::ssr::db::entities::{audit_entry, building};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_backends! {
    async fn admins_add_places_and_others_cannot(app) {
        let directory = app::ssr::places::directory(&app.state.db, Locale::Zh).await.unwrap();
        let community = directory.communities[0].id.to_string();
        let before = building::Entity::find().count(&app.state.db).await.unwrap();
        for who in ["staff1@demo.jiayuan", "committee1@demo.jiayuan", "resident1@demo.jiayuan"] {
            let client = app.signed_in(who).await;
            let reply = client.call("places/add_building", &[("community_id", &community), ("name_zh", "7栋"), ("name_en", "")]).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{who}");
            let reply = client.call("places/add_community", &[("name_zh", "新社区"), ("name_en", ""), ("service_phone", "")]).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{who}");
        }
        assert_eq!(building::Entity::find().count(&app.state.db).await.unwrap(), before);

        let admin = app.signed_in("admin@demo.jiayuan").await;
        admin.call("places/add_building", &[("community_id", &community), ("name_zh", "7栋"), ("name_en", "Building 7")]).await.assert_ok();
        let duplicate = admin.call("places/add_building", &[("community_id", &community), ("name_zh", "7栋"), ("name_en", "")]).await;
        assert_eq!(duplicate.error().field("name_zh"), Some(Key::ErrDuplicate));
        let blank = admin.call("places/add_community", &[("name_zh", "  "), ("name_en", ""), ("service_phone", "")]).await;
        assert_eq!(blank.error().field("name_zh"), Some(Key::FieldRequired));

        let directory = app::ssr::places::directory(&app.state.db, Locale::En).await.unwrap();
        let added = directory.communities[0].buildings.iter().find(|b| b.name == "Building 7").expect("the new building is listed");
        admin.call("places/add_unit", &[("building_id", &added.id.to_string()), ("name_zh", "1单元"), ("name_en", "")]).await.assert_ok();
        let audited = audit_entry::Entity::find().filter(audit_entry::Column::Action.starts_with("place.")).count(&app.state.db).await.unwrap();
        assert_eq!(audited, 2);
    }

    async fn admins_grant_and_revoke_roles(app) {
        let admin = app.signed_in("admin@demo.jiayuan").await;
        let people: Vec<PersonSummary> = admin.call("console/people", &[("q", "resident4")]).await.json::<Listing<PersonSummary>>().items;
        assert_eq!(people.len(), 1);
        let resident = people[0].id.to_string();
        let directory = app::ssr::places::directory(&app.state.db, Locale::Zh).await.unwrap();
        let building = directory.communities[0].buildings[1].id.to_string();

        let pending = app.account_id("pending1@demo.jiayuan").await.to_string();
        let unverified = admin.call("console/grant_role", &[("account_id", &pending), ("role", "volunteer"), ("building_id", &building)]).await;
        assert_eq!(unverified.error(), AppError::Conflict(Key::ErrNotVerified), "no role before verification");
        let missing = admin.call("console/grant_role", &[("account_id", &resident), ("role", "volunteer")]).await;
        assert_eq!(missing.error().field("building_id"), Some(Key::FieldChoose));
        admin.call("console/grant_role", &[("account_id", &resident), ("role", "volunteer"), ("building_id", &building)]).await.assert_ok();
        let twice = admin.call("console/grant_role", &[("account_id", &resident), ("role", "volunteer"), ("building_id", &building)]).await;
        assert_eq!(twice.error(), AppError::Conflict(Key::ErrDuplicate));

        let person = app.signed_in("resident4@demo.jiayuan").await.viewer().await.unwrap();
        assert!(person.has(RoleKind::Volunteer));
        let grant = person.roles[0].grant_id.to_string();

        let staff = app.signed_in("staff1@demo.jiayuan").await;
        assert_eq!(staff.call("console/revoke_role", &[("grant_id", &grant)]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(staff.call("console/grant_role", &[("account_id", &resident), ("role", "admin")]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(staff.call("console/people", &[("q", "")]).await.status, StatusCode::FORBIDDEN);

        admin.call("console/revoke_role", &[("grant_id", &grant)]).await.assert_ok();
        let person = app.signed_in("resident4@demo.jiayuan").await.viewer().await.unwrap();
        assert!(person.roles.is_empty());
        let audited = audit_entry::Entity::find().filter(audit_entry::Column::Action.starts_with("role.")).count(&app.state.db).await.unwrap();
        assert_eq!(audited, 5 + 2, "the seed's five grants, then one grant and one revoke");
    }
}
