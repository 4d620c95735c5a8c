use crate::helpers::{Client, Reply, TestApp};
use crate::on_both_backends;
use app::error::AppError;
use app::i18n::Key;
use app::organisations::{OrgDirectory, OrgState, OrgView};
use app::ssr::db::entities::{audit_entry, organisation, organisation_member};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PURPOSE: &str = "每周二、四晚上在中心花园排练，喜欢唱歌的邻居都可以来。";

async fn file(client: &Client, name: &str) -> Reply {
    client.call("orgs/file", &[("name", name), ("kind", "culture_sports"), ("purpose", PURPOSE)]).await
}

async fn org_id(app: &TestApp, name: &str) -> String {
    let found = organisation::Entity::find().filter(organisation::Column::Name.eq(name)).one(&app.state.db).await;
    found.unwrap().expect("filed").id.to_string()
}

on_both_backends! {
    async fn a_filing_is_returned_refiled_approved_and_neighbours_join(app) {
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        file(&wang, "夕阳红合唱团").await.assert_ok();
        let id = org_id(&app, "夕阳红合唱团").await;
        assert_eq!(file(&wang, "夕阳红合唱团").await.error(), AppError::invalid("name", Key::ErrOrgNameTaken));
        let chen = app.signed_in("resident4@demo.jiayuan").await;
        assert_eq!(chen.call("orgs/view", &[("id", &id)]).await.error(), AppError::NotFound, "not public until approved");
        assert_eq!(chen.call("orgs/join", &[("id", &id)]).await.error(), AppError::NotFound);

        let committee = app.signed_in("committee1@demo.jiayuan").await;
        let queue: OrgDirectory = committee.call("orgs/directory", &[]).await.json();
        assert_eq!(queue.to_review.len(), 1);
        assert_eq!(
            committee.call("orgs/decide", &[("id", &id), ("decision", "return")]).await.error(),
            AppError::invalid("reason", Key::FieldRequired),
            "a return says what to change"
        );
        let back = [("id", id.as_str()), ("decision", "return"), ("reason", "请写明活动场地是否需要预约")];
        committee.call("orgs/decide", &back).await.assert_ok();
        let returned: OrgView = wang.call("orgs/view", &[("id", &id)]).await.json();
        assert_eq!(returned.state, OrgState::Returned);
        assert!(returned.can_refile);
        assert_eq!(returned.return_reason.as_deref(), Some("请写明活动场地是否需要预约"));
        assert_eq!(committee.call("orgs/decide", &[("id", &id), ("decision", "approve")]).await.error(), AppError::Conflict(Key::ErrOrgNotNow));

        let purpose = format!("{PURPOSE}场地已向服务中心预约。");
        let again = [("id", id.as_str()), ("name", "夕阳红合唱团"), ("kind", "culture_sports"), ("purpose", purpose.as_str())];
        assert_eq!(chen.call("orgs/file", &again).await.error(), AppError::NotFound, "only the contact person refiles");
        wang.call("orgs/file", &again).await.assert_ok();
        committee.call("orgs/decide", &[("id", &id), ("decision", "approve")]).await.assert_ok();
        let decisions = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.is_in(["organisation.approve", "organisation.return"]))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(decisions, 2);

        let directory: OrgDirectory = chen.call("orgs/directory", &[]).await.json();
        assert_eq!(directory.approved[0].name, "夕阳红合唱团");
        assert_eq!(directory.approved[0].members, 1, "the contact person is the first member");
        chen.call("orgs/join", &[("id", &id)]).await.assert_ok();
        assert_eq!(chen.call("orgs/join", &[("id", &id)]).await.error(), AppError::Conflict(Key::ErrAlreadyMember));
        let seen: OrgView = chen.call("orgs/view", &[("id", &id)]).await.json();
        assert_eq!((seen.members, seen.is_member, seen.can_join), (2, true, false));
        chen.call("orgs/join", &[("id", &id), ("leave", "true")]).await.assert_ok();
        let members = organisation_member::Entity::find().count(&app.state.db).await.unwrap();
        assert_eq!(members, 1);
    }

    async fn only_verified_residents_file_and_only_the_committee_decides(app) {
        assert_eq!(file(&app.client(), "匿名合唱团").await.error(), AppError::Unauthenticated);
        let pending = app.signed_in("pending1@demo.jiayuan").await;
        assert_eq!(file(&pending, "未审核的合唱团").await.error(), AppError::NotVerified);
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        assert_eq!(file(&staff, "社工的合唱团").await.error(), AppError::Forbidden, "staff have no home here");
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        let bad = wang.call("orgs/file", &[("name", "合"), ("kind", "party"), ("purpose", "短")]).await.error();
        assert_eq!(
            bad,
            AppError::Invalid(vec![
                app::domain::FieldError::new("name", Key::FieldOrgName),
                app::domain::FieldError::new("kind", Key::FieldRequired),
                app::domain::FieldError::new("purpose", Key::FieldOrgPurpose),
            ])
        );
        file(&wang, "楼道读书会").await.assert_ok();
        let id = org_id(&app, "楼道读书会").await;
        for email in ["resident2@demo.jiayuan", "volunteer1@demo.jiayuan"] {
            let other = app.signed_in(email).await;
            assert_eq!(other.call("orgs/decide", &[("id", &id), ("decision", "approve")]).await.error(), AppError::NotFound, "{email}");
        }
        assert_eq!(staff.call("orgs/decide", &[("id", &id), ("decision", "approve")]).await.error(), AppError::NotFound);
        assert_eq!(wang.call("orgs/decide", &[("id", &id), ("decision", "approve")]).await.error(), AppError::Forbidden, "not one's own");
        let still = organisation::Entity::find().one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(still.state, "filed", "nothing changed");
    }
}
