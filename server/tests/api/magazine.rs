use crate::on_both_backends;
use app::error::AppError;
use app::i18n::Key;
use app::magazine::{IssueView, MagazineShelf};
use app::ssr::db::entities::{audit_entry, magazine_issue, notification};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const INTRO: &str = "这一期讲社区里的新鲜事：新开的长者饭堂、楼道读书会和冬季防火。";

on_both_backends! {
    async fn staff_put_an_issue_together_and_residents_read_it_once_published(app) {
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        staff.call("magazine/start", &[("title", "《家园》冬季号"), ("season", "2026Q4"), ("intro", INTRO)]).await.assert_ok();
        let issue = magazine_issue::Entity::find().one(&app.state.db).await.unwrap().unwrap();
        let id = issue.id.to_string();
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        assert_eq!(wang.call("magazine/issue", &[("id", &id)]).await.error(), AppError::NotFound, "a draft is the editors'");
        let shelf: MagazineShelf = wang.call("magazine/shelf", &[]).await.json();
        assert!(shelf.issues.is_empty() && !shelf.can_edit);

        assert_eq!(staff.call("magazine/publish", &[("id", &id)]).await.error(), AppError::Conflict(Key::ErrIssueEmpty));
        for title in ["长者饭堂开张了", "冬季用电防火提示"] {
            let article = [("issue", id.as_str()), ("title", title), ("byline", "文 / 社工张老师"), ("body", "正文内容，介绍这件事的来龙去脉和参与方式。")];
            staff.call("magazine/article", &article).await.assert_ok();
        }
        let article = [("issue", id.as_str()), ("title", "居民来稿"), ("byline", "王阿姨"), ("body", "居民不能直接往刊物里加文章。")];
        assert_eq!(wang.call("magazine/article", &article).await.error(), AppError::NotFound);
        assert_eq!(wang.call("magazine/publish", &[("id", &id)]).await.error(), AppError::NotFound);
        let committee = app.signed_in("committee1@demo.jiayuan").await;
        assert_eq!(committee.call("magazine/publish", &[("id", &id)]).await.error(), AppError::NotFound);
        staff.call("magazine/publish", &[("id", &id)]).await.assert_ok();
        assert_eq!(staff.call("magazine/publish", &[("id", &id)]).await.error(), AppError::Conflict(Key::ErrIssuePublished));

        let read: IssueView = wang.call("magazine/issue", &[("id", &id)]).await.json();
        let titles: Vec<&str> = read.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, vec!["长者饭堂开张了", "冬季用电防火提示"], "in the order they were added");
        assert!(!read.can_edit);
        let told = notification::Entity::find()
            .filter(notification::Column::Url.eq(format!("/magazine/{id}")))
            .count(&app.state.db)
            .await
            .unwrap();
        assert!(told >= 5, "every verified resident of the community hears of it: {told}");
        let logged = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("magazine.publish"))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(logged, 1);
        let bad = staff.call("magazine/start", &[("title", "冬"), ("season", "2026Q9"), ("intro", "短")]).await.error();
        assert_eq!(
            bad,
            AppError::Invalid(vec![
                app::domain::FieldError::new("title", Key::FieldAnnouncementTitle),
                app::domain::FieldError::new("season", Key::FieldQuarter),
                app::domain::FieldError::new("intro", Key::FieldAnnouncementBody),
            ])
        );
    }
}
