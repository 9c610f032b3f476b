//! The public start page: what Waymark is, and a way in for each kind of user.

use crate::components::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Landing() -> impl IntoView {
    let signed_out = use_query_map().with_untracked(|q| q.get("signed_out").is_some());
    let wiped = use_query_map().with_untracked(|q| q.get("wiped").is_some());
    view! {
        <Page title="Your guide to life on licence" quick_exit=true>
            {signed_out.then(|| view! { <p class="banner" role="status">"You are signed out."</p> })}
            {wiped
                .then(|| {
                    view! {
                        <p class="banner" role="status">
                            "You are signed out. Nothing about your licence is left on this phone."
                        </p>
                    }
                })}
            <h1>"Waymark: your guide to life on licence"</h1>
            <p class="lead">
                "Waymark helps you keep to your licence and get back on your feet after prison."
            </p>
            <ul class="plain-list">
                <li>"See each rule on your licence in plain words."</li>
                <li>"See when and where your appointments are."</li>
                <li>"Get your ID and a bank account, step by step."</li>
                <li>"Find food, housing and other help near you."</li>
            </ul>
            <h2>"How do you want to use Waymark?"</h2>
            <div class="ways-in">
                <a class="way-in" href="/sign-in">
                    <span class="way-in-title">"I am on licence"</span>
                    <span class="way-in-text">"Sign in, or start with the code from your probation officer."</span>
                </a>
                <a class="way-in" href="/hope">
                    <span class="way-in-title">"I am family or a friend"</span>
                    <span class="way-in-text">"Find help and support. You do not need to sign in."</span>
                </a>
                <a class="way-in" href="/practitioner/sign-in">
                    <span class="way-in-title">"I work in probation"</span>
                    <span class="way-in-text">"Sign in to see your caseload."</span>
                </a>
            </div>
            <h2>"Is it private?"</h2>
            <p>
                "Only you and your probation officer can see your licence and your plans. "
                "Family can only see what you choose to share."
            </p>
        </Page>
    }
}
