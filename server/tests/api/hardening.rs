//! Web hardening: every answer carries security headers, a page's inline scripts run only
//! with its own nonce, and text people typed is rendered as text everywhere.

use crate::helpers::Client;
use crate::on_both_backends;
use app::ssr::db::entities::{account, forum_topic, help_request, watch_alert};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// The answer's headers and body for `path`.
async fn page(client: &Client, path: &str) -> (reqwest::header::HeaderMap, String) {
    let response = client.http.get(format!("{}{path}", client.base)).send().await.unwrap();
    assert!(response.status().is_success(), "{path}: {}", response.status());
    let headers = response.headers().clone();
    (headers, response.text().await.unwrap())
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

/// The `script-src` directive's nonce, after checking that the directive allows no inline
/// script without it.
fn script_nonce(policy: &str) -> String {
    let scripts = policy.split(';').map(str::trim).find(|d| d.starts_with("script-src")).expect("a script-src");
    assert!(!scripts.contains("'unsafe-inline'") && !scripts.contains("'unsafe-eval'"), "{scripts}");
    let nonce = scripts.split_whitespace().find_map(|s| s.strip_prefix("'nonce-")).expect("a nonce");
    nonce.trim_end_matches('\'').to_owned()
}

on_both_backends! {
    async fn pages_allow_only_their_own_inline_scripts_and_every_answer_is_hardened(app) {
        let (resident, volunteer) = (app.signed_in("resident1@demo.jiayuan").await, app.signed_in("volunteer1@demo.jiayuan").await);
        let mut nonces = vec![];
        let pages = [(&resident, "/"), (&resident, "/help/new"), (&resident, "/projects/ballot"), (&resident, "/me/notifications"), (&volunteer, "/volunteer"), (&volunteer, "/alerts")];
        for (who, path) in pages {
            let (headers, body) = page(who, path).await;
            let policy = header(&headers, "content-security-policy");
            for directive in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"] {
                assert!(policy.contains(directive), "{path}: {policy}");
            }
            let nonce = script_nonce(policy);
            // Every inline script of the page carries the nonce; none runs without it.
            let scripts: Vec<&str> = body.split("<script").skip(1).collect();
            assert!(!scripts.is_empty(), "{path} has the shell's script");
            for script in scripts {
                let tag = &script[..script.find('>').unwrap()];
                assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "{path}: <script{tag}>");
            }
            assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
            assert_eq!(header(&headers, "referrer-policy"), "same-origin");
            assert_eq!(header(&headers, "x-frame-options"), "DENY");
            // Personal pages are stored by no browser cache or proxy.
            assert_eq!(header(&headers, "cache-control"), "private, no-store", "{path}");
            // Plain HTTP here: no HSTS (it is sent when the public address is https).
            assert!(headers.get("strict-transport-security").is_none());
            nonces.push(nonce);
        }
        nonces.sort();
        nonces.dedup();
        assert_eq!(nonces.len(), pages.len(), "a fresh nonce for every page");

        let answer = resident.http.post(format!("{}/api/help/mine", resident.base)).send().await.unwrap();
        assert_eq!(header(answer.headers(), "content-security-policy"), "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        assert_eq!(header(answer.headers(), "x-content-type-options"), "nosniff");
    }

    async fn what_people_type_is_rendered_as_text_everywhere(app) {
        const SCRIPT: &str = "<script>alert('xss-1')</script>";
        const HANDLER: &str = "<img src=x onerror=alert('xss-2')>";
        const LINK: &str = "javascript:alert('xss-3')";
        let corpus = format!("{SCRIPT} {HANDLER} {LINK}");
        // A name with markup in it, as if an older form had let it through.
        let chen = account::Entity::find().filter(account::Column::Email.eq("resident2@demo.jiayuan")).one(&app.state.db).await.unwrap().unwrap();
        let mut renamed: account::ActiveModel = chen.into();
        renamed.display_name = Set(format!("陈{SCRIPT}"));
        renamed.update(&app.state.db).await.unwrap();

        let neighbour = app.signed_in("resident2@demo.jiayuan").await;
        let description = format!("请帮忙 {corpus}");
        neighbour.call("help/post", &[("category", "errand"), ("urgency", "today"), ("description", &description), ("key", "xss-corpus-help")]).await.assert_ok();
        neighbour.call("alerts/post", &[("body", &format!("注意 {SCRIPT}"))]).await.assert_ok();
        neighbour.call("forum/open", &[("title", &format!("话题 {SCRIPT}")), ("body", &corpus)]).await.assert_ok();
        let topic = forum_topic::Entity::find().one(&app.state.db).await.unwrap().unwrap().id;
        neighbour.call("comments/post", &[("topic", &topic.to_string()), ("body", &corpus)]).await.assert_ok();
        let help = help_request::Entity::find().filter(help_request::Column::IdempotencyKey.eq("xss-corpus-help")).one(&app.state.db).await.unwrap().unwrap().id;
        assert!(watch_alert::Entity::find().one(&app.state.db).await.unwrap().is_some());

        let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let admin = app.signed_in("admin@demo.jiayuan").await;
        let views: [(&Client, String); 7] = [
            (&neighbour, format!("/help/{help}")),
            (&volunteer, format!("/help/{help}")),
            (&volunteer, "/volunteer".into()),
            (&volunteer, "/alerts".into()),
            (&volunteer, format!("/forum/{topic}")),
            (&staff, "/console/triage".into()),
            (&admin, "/console/people?q=陈".into()),
        ];
        for (client, path) in views {
            let (_, body) = page(client, &path).await;
            assert!(body.contains("&lt;script&gt;alert("), "{path} shows the text, escaped");
            assert!(!body.contains("<script>alert("), "{path} runs no script of theirs");
            assert!(!body.contains("<img src=x"), "{path} has no element of theirs");
            assert!(!body.contains("href=\"javascript:"), "{path} links nowhere of theirs");
        }
    }
}
