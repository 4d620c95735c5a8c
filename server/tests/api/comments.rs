use crate::ballots::{RESIDENTS, three_feasible};
use crate::helpers::TestApp;
use crate::on_both_backends;
use app::deliberation::{Stance, Thread};
use app::error::AppError;
use app::i18n::Key;
use app::ssr::db::entities::{audit_entry, comment, notification};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn thread(app: &TestApp, who: &str, proposal: i64) -> Thread {
    app.signed_in(who).await.call("comments/thread", &[("proposal", &proposal.to_string())]).await.json()
}

async fn notices_for(app: &TestApp, email: &str) -> u64 {
    let id = app.account_id(email).await;
    notification::Entity::find().filter(notification::Column::RecipientId.eq(id)).count(&app.state.db).await.unwrap()
}

on_both_backends! {
    async fn residents_deliberate_with_stances_and_replies_and_the_author_hears_of_it(app) {
        let [p, ..] = three_feasible(&app).await;
        let text = p.to_string();
        let neighbour = app.signed_in(RESIDENTS[3]).await;
        let before = notices_for(&app, RESIDENTS[0]).await;
        neighbour.call("comments/post", &[("proposal", &text), ("stance", "against"), ("body", "扶手会占用楼道空间")]).await.assert_ok();
        assert_eq!(notices_for(&app, RESIDENTS[0]).await, before + 1, "the author is told");
        assert_eq!(neighbour.call("comments/post", &[("proposal", &text), ("stance", "for"), ("body", "好")]).await.error(),
            AppError::invalid("body", Key::FieldCommentBody));

        let first = thread(&app, RESIDENTS[0], p).await.comments[0].id.to_string();
        let author = app.signed_in(RESIDENTS[0]).await;
        author.call("comments/post", &[("proposal", &text), ("parent", &first), ("stance", "for"), ("body", "扶手贴墙安装，不占地方")]).await.assert_ok();
        let reply = thread(&app, RESIDENTS[3], p).await.comments[0].replies[0].clone();
        assert_eq!(reply.stance, None, "a reply answers, it takes no side");
        // Replies go one level deep.
        let nested = author.call("comments/post", &[("proposal", &text), ("parent", &reply.id.to_string()), ("body", "再回复一次")]).await;
        assert_eq!(nested.error(), AppError::invalid("parent", Key::FieldCommentParent));

        let seen = thread(&app, RESIDENTS[1], p).await;
        assert_eq!(seen.comments.len(), 1);
        assert_eq!(seen.comments[0].stance, Some(Stance::Against));
        assert_eq!(seen.counts.against, 1);
        assert!(seen.can_comment && !seen.can_moderate);
        assert_eq!(seen.comments[0].reports, 0, "residents do not see report counts");
    }

    async fn reports_are_once_each_and_only_moderators_hide_with_a_logged_reason(app) {
        let [p, ..] = three_feasible(&app).await;
        let text = p.to_string();
        let writer = app.signed_in(RESIDENTS[3]).await;
        writer.call("comments/post", &[("proposal", &text), ("stance", "question"), ("body", "谁来出这笔钱？骗子！")]).await.assert_ok();
        let id = thread(&app, RESIDENTS[3], p).await.comments[0].id.to_string();

        assert_eq!(writer.call("comments/report", &[("id", &id)]).await.error(), AppError::Forbidden, "not one's own");
        let reporter = app.signed_in(RESIDENTS[1]).await;
        reporter.call("comments/report", &[("id", &id), ("reason", "人身攻击")]).await.assert_ok();
        assert_eq!(reporter.call("comments/report", &[("id", &id)]).await.error(), AppError::Conflict(Key::ErrAlreadyReported));
        assert!(thread(&app, RESIDENTS[1], p).await.comments[0].i_reported);

        // Residents and volunteers cannot hide; staff of the community can, with a reason.
        for who in [RESIDENTS[1], "volunteer1@demo.jiayuan"] {
            let refused = app.signed_in(who).await.call("comments/hide", &[("id", &id), ("reason", "不喜欢")]).await;
            assert_eq!(refused.error(), AppError::Forbidden, "{who}");
        }
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let moderated = thread(&app, "staff1@demo.jiayuan", p).await;
        assert!(moderated.can_moderate);
        assert_eq!(moderated.comments[0].reports, 1);
        assert_eq!(staff.call("comments/hide", &[("id", &id), ("reason", "")]).await.error(),
            AppError::invalid("reason", Key::FieldRequired));
        staff.call("comments/hide", &[("id", &id), ("reason", "含人身攻击")]).await.assert_ok();
        assert_eq!(staff.call("comments/hide", &[("id", &id), ("reason", "含人身攻击")]).await.error(), AppError::Conflict(Key::ErrAlreadyHidden));

        let shown = &thread(&app, RESIDENTS[2], p).await.comments[0];
        assert_eq!((shown.body.as_str(), shown.hidden_reason.as_deref()), ("", Some("含人身攻击")));
        let row = comment::Entity::find_by_id(id.parse::<i64>().unwrap()).one(&app.state.db).await.unwrap().unwrap();
        assert!(row.body.contains("骗子"), "hidden, not deleted");
        let logged = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("comment_hidden"))
            .filter(audit_entry::Column::Reason.eq("含人身攻击"))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(logged, 1);
    }

    async fn strangers_and_pending_residents_cannot_take_part(app) {
        let [p, ..] = three_feasible(&app).await;
        let text = p.to_string();
        let anonymous = app.client();
        let post = [("proposal", text.as_str()), ("body", "我也想说两句")];
        assert_eq!(anonymous.call("comments/post", &post).await.error(), AppError::Unauthenticated);
        let directory = app::ssr::places::directory(&app.state.db, app::i18n::Locale::Zh).await.unwrap();
        for (community, expected) in [("花果山社区", AppError::NotVerified), ("海滨社区", AppError::NotFound)] {
            let c = directory.communities.iter().find(|c| c.name == community).expect("demo community");
            let building = &c.buildings[0];
            let client = app.client();
            let contact = format!("{}@example.cn", building.id);
            client.call("accounts/register", &[
                ("contact", contact.as_str()),
                ("name", "新住户"),
                ("password", "a-good-password"),
                ("building_id", &building.id.to_string()),
                ("unit_id", &building.units[0].id.to_string()),
                ("room", "1201"),
                ("consent", "yes"),
            ]).await.assert_ok();
            assert_eq!(client.call("comments/post", &post).await.error(), expected, "{community}");
        }
        assert_eq!(comment::Entity::find().count(&app.state.db).await.unwrap(), 0);
    }
}
