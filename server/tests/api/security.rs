use crate::helpers::DEMO_PASSWORD;
use crate::on_both_backends;
use app::model::AccountStatus;
use app::ssr::db::entities::account;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_backends! {
    async fn cross_origin_posts_are_refused_and_change_nothing(app) {
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let pending = account::Entity::find().filter(account::Column::Email.eq("pending1@demo.jiayuan")).one(&app.state.db).await.unwrap().unwrap();
        let response = staff.http.post(format!("{}/api/console/verify", staff.base))
            .header("origin", "https://evil.example")
            .form(&[("account_id", pending.id.to_string())])
            .send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let still = account::Entity::find_by_id(pending.id).one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(still.status, AccountStatus::Pending.as_str());

        let login = app.client().http.post(format!("{}/api/accounts/login", app.address))
            .header("origin", "https://evil.example")
            .form(&[("identifier", "resident1@demo.jiayuan"), ("password", DEMO_PASSWORD)])
            .send().await.unwrap();
        assert_eq!(login.status(), StatusCode::FORBIDDEN, "no forced sign-in from other sites");

        let same_origin = staff.http.post(format!("{}/api/console/verify", staff.base))
            .header("origin", staff.base.clone())
            .form(&[("account_id", pending.id.to_string())])
            .send().await.unwrap();
        assert!(same_origin.status().is_success());
    }

    async fn pages_render_on_the_server_in_the_browsers_language(app) {
        let client = app.client();
        let zh = client.http.get(format!("{}/", app.address)).header("accept-language", "zh-CN,zh;q=0.9").send().await.unwrap();
        let zh = zh.text().await.unwrap();
        assert!(zh.contains("<html lang=\"zh-CN\""), "{zh}");
        assert!(zh.contains("欢迎来到家园"));
        let en = client.http.get(format!("{}/login", app.address)).header("accept-language", "en-GB,en;q=0.8").send().await.unwrap();
        let en = en.text().await.unwrap();
        assert!(en.contains("<html lang=\"en\""));
        assert!(en.contains("Mobile number or email"));
        let cookie = client.http.get(format!("{}/", app.address))
            .header("accept-language", "en").header("cookie", "jy_lang=zh-CN").send().await.unwrap();
        assert!(cookie.text().await.unwrap().contains("<html lang=\"zh-CN\""), "the language cookie wins");
        let missing = client.get("/no-such-page").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.body.contains("页面不存在"));
    }

    async fn a_signed_in_page_shows_the_persons_own_view(app) {
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let home = resident.get("/").await.body;
        assert!(home.contains("王阿姨"), "greets by name");
        assert!(!home.contains("href=\"/console\""), "residents get no console entry");
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        assert!(staff.get("/").await.body.contains("href=\"/console\""));
    }
}
