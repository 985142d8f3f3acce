//! Prices out of the embedded catalog, each checked by hand against the sources in `catalog/`
//! (`aws-pricing-cache` = AWS's pricing-cache.md of 2026-10-05 unless a test says otherwise); the
//! arithmetic is in the comments. Today is pinned per test (`Catalog.today`), never the clock.

use bedrock_lint::model::Commitment;
use bedrock_lint::model::{Geography, Routing};
use bedrock_lint::pricing::{
    on_demand_rates, provisioned_hourly_rate, rates_for, Catalog, Date, LifecycleState, Tier, Usage,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn catalog_on(day: &str) -> Catalog {
    let mut c = Catalog::load(&[]).expect("embedded catalog loads");
    c.today = Date::parse(day).expect("date");
    c
}

fn io(
    c: &Catalog,
    id: &str,
    routing: Routing,
    region: &str,
    tier: Tier,
) -> (Decimal, Decimal, bool) {
    let r = rates_for(c, id, routing, region, tier).unwrap_or_else(|e| panic!("{id}: {e}"));
    (
        r.input.normalize(),
        r.output.unwrap_or_default().normalize(),
        r.estimate,
    )
}

const US: Routing = Routing::Geo(Geography::Us);
const SONNET_46: &str = "anthropic.claude-sonnet-4-6";

#[test]
fn claude_4_5_and_later_pay_1_10_over_global_for_geo_and_in_region() {
    let c = catalog_on("2026-12-01");
    // Sonnet 4.6 lists the global price 3.00 / 15.00; us. = 3.00 × 1.10 = 3.30, 15.00 × 1.10 = 16.50.
    assert_eq!(
        io(&c, SONNET_46, Routing::Global, "us-east-1", Tier::Standard),
        (dec!(3), dec!(15), false)
    );
    assert_eq!(
        io(&c, SONNET_46, US, "us-east-1", Tier::Standard),
        (dec!(3.3), dec!(16.5), false)
    );
    // Anthropic prices are the same in every commercial Region: eu. from eu-west-1 is also 3.30 / 16.50.
    let eu = Routing::Geo(Geography::Eu);
    assert_eq!(
        io(&c, SONNET_46, eu, "eu-west-1", Tier::Standard),
        (dec!(3.3), dec!(16.5), false)
    );
    // Opus 4.6 global 5.00 / 25.00 (no multiplier on global).
    assert_eq!(
        io(
            &c,
            "anthropic.claude-opus-4-6-v1",
            Routing::Global,
            "us-east-1",
            Tier::Standard
        ),
        (dec!(5), dec!(25), false)
    );
    // Older Claude: Opus 4.1 has no global profile and one price (15 / 75) for geo and in-Region.
    assert!(on_demand_rates(
        &c,
        "anthropic.claude-opus-4-1-20250805-v1:0",
        Routing::Global,
        "us-east-1"
    )
    .is_err());
    assert_eq!(
        io(
            &c,
            "anthropic.claude-opus-4-1-20250805-v1:0",
            US,
            "us-east-1",
            Tier::Standard
        )
        .0,
        dec!(15)
    );
}

#[test]
fn govcloud_is_1_2_times_the_global_price_not_1_2_times_geo() {
    let c = catalog_on("2026-12-01");
    let gov = Routing::Geo(Geography::UsGov);
    // Sonnet 4.5 us-gov.: LiteLLM's GovCloud row 3.60 / 18.00 = 1.2 × global 3.00 / 15.00 (not
    // 1.2 × 3.30 = 3.96). A third-party figure, so an estimate.
    assert_eq!(
        io(
            &c,
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
            gov,
            "us-gov-west-1",
            Tier::Standard
        ),
        (dec!(3.6), dec!(18), true)
    );
    // Opus 5.5 from GovCloud through us.: AWS's own row 4.80 / 24.00 (= 1.2 × 4.00 / 20.00).
    assert_eq!(
        io(
            &c,
            "anthropic.claude-opus-5-5",
            US,
            "us-gov-east-1",
            Tier::Standard
        ),
        (dec!(4.8), dec!(24), false)
    );
    // Opus 4.8 has no GovCloud row: the 1.2 fallback applies to its listed (global) 5.00 / 25.00 →
    // 6.00 / 30.00 (an estimate), not 1.2 × 1.10.
    assert_eq!(
        io(
            &c,
            "anthropic.claude-opus-4-8",
            US,
            "us-gov-west-1",
            Tier::Standard
        ),
        (dec!(6), dec!(30), true)
    );
    // Opus 5.5 commercial geo: 4.00 × 1.10 = 4.40, 20.00 × 1.10 = 22.00 (AWS lists 4.40 / 22.00).
    assert_eq!(
        io(
            &c,
            "anthropic.claude-opus-5-5",
            Routing::Geo(Geography::Jp),
            "ap-northeast-1",
            Tier::Standard
        ),
        (dec!(4.4), dec!(22), false)
    );
}

#[test]
fn open_weight_models_have_per_region_rows() {
    let c = catalog_on("2026-12-01");
    let llama3 = "meta.llama3-70b-instruct-v1:0";
    // US 2.65 / 3.50 (AWS); eu-west-1 2.86 / 3.78 and sa-east-1 4.45 / 5.88 (LiteLLM rows: estimates).
    assert_eq!(
        io(&c, llama3, Routing::InRegion, "us-east-1", Tier::Standard),
        (dec!(2.65), dec!(3.5), false)
    );
    assert_eq!(
        io(&c, llama3, Routing::InRegion, "eu-west-1", Tier::Standard),
        (dec!(2.86), dec!(3.78), true)
    );
    assert_eq!(
        io(&c, llama3, Routing::InRegion, "sa-east-1", Tier::Standard),
        (dec!(4.45), dec!(5.88), true)
    );
    // Nova Pro v1 from Ireland: LiteLLM's eu. price 1.05 / 4.20 (1.31 × US 0.80 / 3.20), an estimate.
    assert_eq!(
        io(
            &c,
            "amazon.nova-pro-v1:0",
            Routing::Geo(Geography::Eu),
            "eu-west-1",
            Tier::Standard
        ),
        (dec!(1.05), dec!(4.2), true)
    );
    // DeepSeek V3.2: US 0.62 / 1.85, Tokyo 0.74 / 2.22 (both AWS's cache).
    assert_eq!(
        io(
            &c,
            "deepseek.v3.2",
            Routing::InRegion,
            "us-east-2",
            Tier::Standard
        ),
        (dec!(0.62), dec!(1.85), false)
    );
    assert_eq!(
        io(
            &c,
            "deepseek.v3.2",
            Routing::InRegion,
            "ap-northeast-1",
            Tier::Standard
        ),
        (dec!(0.74), dec!(2.22), false)
    );
    // gpt-oss-120b: Ohio 0.15 / 0.60 (N. Virginia shares the table), Sydney 0.1545 / 0.618; eu-west-1
    // has no published row → base rates, flagged as an estimate with a note.
    let oss = "openai.gpt-oss-120b-1:0";
    assert_eq!(
        io(&c, oss, Routing::InRegion, "us-east-1", Tier::Standard),
        (dec!(0.15), dec!(0.6), false)
    );
    assert_eq!(
        io(&c, oss, Routing::InRegion, "ap-southeast-2", Tier::Standard),
        (dec!(0.1545), dec!(0.618), false)
    );
    let eu = rates_for(&c, oss, Routing::InRegion, "eu-west-1", Tier::Standard).expect("priced");
    assert_eq!((eu.input, eu.estimate), (dec!(0.15), true));
    assert!(
        eu.assumptions
            .iter()
            .any(|a| a.contains("no eu-west-1 price for gpt-oss-120b")),
        "{:?}",
        eu.assumptions
    );
}

#[test]
fn tiers_are_priced_from_their_own_rows() {
    let c = catalog_on("2026-12-01");
    let lite = "amazon.nova-2-lite-v1:0";
    // Nova 2 Lite standard: global 0.30 / 2.50; in-Region 0.30 × 1.10 = 0.33, 2.50 × 1.10 = 2.75.
    assert_eq!(
        io(&c, lite, Routing::InRegion, "us-east-1", Tier::Standard),
        (dec!(0.33), dec!(2.75), false)
    );
    // Priority through us.: 0.525 × 1.10 = 0.5775, 4.375 × 1.10 = 4.8125 (AWS lists both).
    assert_eq!(
        io(&c, lite, US, "us-east-1", Tier::Priority),
        (dec!(0.5775), dec!(4.8125), false)
    );
    // Flex global 0.15 / 1.25.
    assert_eq!(
        io(&c, lite, Routing::Global, "us-east-1", Tier::Flex),
        (dec!(0.15), dec!(1.25), false)
    );
    // Batch geo: AWS's own 0.1595 / 1.342, not 1.10 × 0.15 = 0.165.
    assert_eq!(
        io(&c, lite, US, "us-east-1", Tier::Batch),
        (dec!(0.1595), dec!(1.342), false)
    );
    // gpt-oss-120b flex 0.075 / 0.30 and priority 0.2625 / 1.05 (= 1.75 × 0.15 / 0.60); scrape: estimate.
    let oss = "openai.gpt-oss-120b-1:0";
    assert_eq!(
        io(&c, oss, Routing::InRegion, "us-east-1", Tier::Flex),
        (dec!(0.075), dec!(0.3), true)
    );
    assert_eq!(
        io(&c, oss, Routing::InRegion, "us-east-1", Tier::Priority),
        (dec!(0.2625), dec!(1.05), true)
    );
    // No priority row for Sonnet 4.6: not guessed, the error says where to add one.
    let err = rates_for(&c, SONNET_46, US, "us-east-1", Tier::Priority).expect_err("no tier");
    assert!(err.contains("prices.priority"), "{err}");
    // The `:flex` suffix of an ID selects the flex tier.
    assert_eq!(
        Tier::from_id_suffix("openai.gpt-oss-120b-1:0:flex"),
        Some(Tier::Flex)
    );
    assert_eq!(Tier::from_id_suffix("openai.gpt-oss-120b-1:0"), None);
}

#[test]
fn routes_are_per_model() {
    let c = catalog_on("2026-12-01");
    // Nova 2 Lite has jp. but no apac.
    assert!(rates_for(
        &c,
        "amazon.nova-2-lite-v1:0",
        Routing::Geo(Geography::Jp),
        "ap-northeast-1",
        Tier::Standard
    )
    .is_ok());
    let err = rates_for(
        &c,
        "amazon.nova-2-lite-v1:0",
        Routing::Geo(Geography::Apac),
        "ap-southeast-1",
        Tier::Standard,
    )
    .expect_err("no apac.");
    assert!(err.contains("no `apac.` profile"), "{err}");
    // GPT-5.6 Sol through in. from Mumbai: 4.00 × 1.10 = 4.40, 20.00 × 1.10 = 22.00; no Mumbai row in
    // any source, so an estimate.
    assert_eq!(
        io(
            &c,
            "openai.gpt-5.6-sol",
            Routing::Geo(Geography::In),
            "ap-south-1",
            Tier::Standard
        ),
        (dec!(4.4), dec!(22), true)
    );
    // GPT-5.5 is Mantle-only: no global.
    assert!(rates_for(
        &c,
        "openai.gpt-5.5",
        Routing::Global,
        "us-east-1",
        Tier::Standard
    )
    .is_err());
}

#[test]
fn a_price_changes_on_its_date() {
    // Claude 3.5 Sonnet v2: 3.00 / 15.00 until 2025-11-30, 6.00 / 30.00 from 2025-12-01.
    let id = "anthropic.claude-3-5-sonnet-20241022-v2:0";
    let before = catalog_on("2025-11-30");
    assert_eq!(
        io(&before, id, Routing::InRegion, "us-east-1", Tier::Standard).0,
        dec!(3)
    );
    let after = catalog_on("2025-12-01");
    assert_eq!(
        io(&after, id, Routing::InRegion, "us-east-1", Tier::Standard),
        (dec!(6), dec!(30), true)
    );
    // Batch too: 1.50 → 3.00 input.
    assert_eq!(
        io(&after, id, Routing::InRegion, "us-east-1", Tier::Batch).0,
        dec!(3)
    );
}

#[test]
fn lifecycle_states_on_a_day() {
    let c = catalog_on("2026-12-01");
    let state = |id: &str| c.model(id).expect(id).price.lifecycle_state(c.today);
    // Opus 4.1: EOL 2027-01-08; from 2026-12-01 that is 30 days of December left + 8 = 38.
    assert_eq!(
        state("anthropic.claude-opus-4-1-20250805-v1:0"),
        LifecycleState::Legacy {
            eol: Some((Date::parse("2027-01-08").expect("d"), 38))
        }
    );
    // Claude 3.5 Sonnet: EOL 2026-07-30.
    assert_eq!(
        state("anthropic.claude-3-5-sonnet-20240620-v1:0"),
        LifecycleState::EndOfLife {
            eol: Date::parse("2026-07-30")
        }
    );
    // Jamba 1.5 Large was legacy in the 2026-10-05 file with EOL 2026-11-26: by 2026-12-01 it is EOL.
    assert_eq!(
        state("ai21.jamba-1-5-large-v1:0"),
        LifecycleState::EndOfLife {
            eol: Date::parse("2026-11-26")
        }
    );
    assert_eq!(state(SONNET_46), LifecycleState::Active);
}

#[test]
fn cache_long_context_and_other_units() {
    let c = catalog_on("2026-12-01");
    let sonnet =
        rates_for(&c, SONNET_46, Routing::Global, "us-east-1", Tier::Standard).expect("rates");
    let usage = Usage {
        input_tokens_per_month: Some(dec!(20_000_000)),
        cache_write_tokens_per_month: Some(dec!(10_000_000)),
        cache_write_1h_tokens_per_month: Some(dec!(2_000_000)),
        cache_read_tokens_per_month: Some(dec!(100_000_000)),
        ..Usage::default()
    };
    // 20 × 3.00 = 60.00; 5-minute writes 10 × 3.75 = 37.50; 1-hour writes 2 × 6.00 = 12.00;
    // reads 100 × 0.30 = 30.00. Total 139.50.
    assert_eq!(sonnet.monthly(&usage), Some(dec!(139.50)));

    // Sonnet 4.5 prompts over 200K, global: 1M input × 6.00 + 1M output × 22.50 = 28.50.
    let s45 = rates_for(
        &c,
        "anthropic.claude-sonnet-4-5-20250929-v1:0",
        Routing::Global,
        "us-east-1",
        Tier::Standard,
    )
    .expect("rates");
    let long = Usage {
        input_tokens_per_month: Some(dec!(1_000_000)),
        output_tokens_per_month: Some(dec!(1_000_000)),
        long_context: Some(true),
        ..Usage::default()
    };
    assert_eq!(s45.monthly(&long), Some(dec!(28.50)));
    // GPT-5.6 Sol in-Region above 272K: (8.00 × 1.10) = 8.80 input, (30.00 × 1.10) = 33.00 output,
    // AWS's published 8.80 / 33.00.
    let sol = rates_for(
        &c,
        "openai.gpt-5.6-sol",
        Routing::InRegion,
        "us-east-1",
        Tier::Standard,
    )
    .expect("rates");
    assert_eq!(sol.monthly(&long), Some(dec!(41.80)));

    // Rerank 3.5: 50,000 queries = 50 × 2.00 per 1,000 = 100.00 (scrape figure).
    let rerank = rates_for(
        &c,
        "cohere.rerank-v3-5:0",
        Routing::InRegion,
        "us-east-1",
        Tier::Standard,
    )
    .expect("rates");
    let queries = Usage {
        queries_per_month: Some(dec!(50_000)),
        ..Usage::default()
    };
    assert_eq!(rerank.monthly(&queries), Some(dec!(100.00)));
    // SD3.5 Large: 1,000 images × 0.065 (AWS's figure, not the scrape's 0.08) = 65.00.
    let sd = rates_for(
        &c,
        "stability.sd3-5-large-v1:0",
        Routing::InRegion,
        "us-east-1",
        Tier::Standard,
    )
    .expect("rates");
    let images = Usage {
        images_per_month: Some(dec!(1000)),
        ..Usage::default()
    };
    assert_eq!(sd.monthly(&images), Some(dec!(65.000)));
    // Nova Multimodal Embeddings: one hour of video = 3,600 s × 0.0007 = 2.52.
    let mme = rates_for(
        &c,
        "amazon.nova-2-multimodal-embeddings-v1:0",
        Routing::InRegion,
        "us-east-1",
        Tier::Standard,
    )
    .expect("rates");
    let video = Usage {
        video_seconds_per_month: Some(dec!(3600)),
        ..Usage::default()
    };
    assert_eq!(mme.monthly(&video), Some(dec!(2.52)));
    // A unit the model has no price for is not priced at zero.
    assert_eq!(sonnet.monthly(&images), None);
    assert!(!sonnet.lines(&images).missing.is_empty());
}

#[test]
fn provisioned_throughput_per_mu_hour_by_term() {
    let c = catalog_on("2026-12-01");
    let id = "meta.llama3-1-70b-instruct-v1:0";
    // AWS (US West Oregon): 24.00 no commitment, 21.18 1-month, 13.08 6-month per MU-hour.
    let rate = |t| {
        provisioned_hourly_rate(&c, id, t, "us-west-2")
            .expect("rate")
            .0
    };
    assert_eq!(rate(Commitment::None), dec!(24.00));
    assert_eq!(rate(Commitment::OneMonth), dec!(21.18));
    assert_eq!(rate(Commitment::SixMonths), dec!(13.08));
    // Claude has no published PT rate: left to a price book.
    assert!(provisioned_hourly_rate(&c, SONNET_46, Commitment::OneMonth, "us-east-1").is_err());
    // The reserved tier is catalogued for Claude 4.5/4.6: Sonnet 4.6 global 1-month 0.18 per 1K TPM-hour.
    let reserved = &c.model(SONNET_46).expect("model").price.reserved["global"];
    assert_eq!(reserved.one_month_input, Some(dec!(0.18)));
}

#[test]
fn notes_name_the_catalog_date_and_staleness() {
    let fresh = catalog_on("2027-02-02");
    // 2026-10-05 → 2027-02-02: 26 (Oct) + 30 + 31 + 31 + 2 = 120 days: not yet stale.
    assert_eq!(
        fresh.notes(),
        vec!["prices from the bedrock-lint catalog of 2026-10-05 (its newest source)".to_string()]
    );
    let stale = catalog_on("2027-02-03");
    let notes = stale.notes();
    assert_eq!(notes.len(), 2);
    assert!(
        notes[1].contains("121 days older than today (2027-02-03)"),
        "{notes:?}"
    );
}

#[test]
fn price_books_override_a_region_a_tier_and_a_lifecycle_date() {
    let book = r#"
[models."openai.gpt-oss-120b-1:0".regions."eu-west-1".standard]
input = "0.17"
output = "0.68"
source = "our AWS invoice"
as_of = "2026-11-30"

[models."anthropic.claude-sonnet-4-6".prices.priority]
input = "5.25"
output = "26.25"
source = "our AWS account team"
as_of = "2026-11-15"
confidence = "estimate"

[models."anthropic.claude-opus-4-1-20250805-v1:0".lifecycle]
eol = "2027-03-01"
"#;
    let mut c = Catalog::load(&[("book.toml".into(), book.into())]).expect("merged");
    c.today = Date::parse("2026-12-01").expect("d");
    // The Region row replaces the estimate: exact and no longer flagged.
    assert_eq!(
        io(
            &c,
            "openai.gpt-oss-120b-1:0",
            Routing::InRegion,
            "eu-west-1",
            Tier::Standard
        ),
        (dec!(0.17), dec!(0.68), false)
    );
    // The book's priority rate is the global price: us. pays 1.10 × 5.25 = 5.775, 26.25 × 1.10 = 28.875.
    assert_eq!(
        io(&c, SONNET_46, US, "us-east-1", Tier::Priority),
        (dec!(5.775), dec!(28.875), true)
    );
    // Only the date changed; the state and successor come from the embedded catalog.
    let opus = c
        .model("anthropic.claude-opus-4-1-20250805-v1:0")
        .expect("model")
        .price;
    // 2026-12-01 → 2027-03-01: 30 + 31 + 28 + 1 = 90 days.
    assert_eq!(
        opus.lifecycle_state(c.today),
        LifecycleState::Legacy {
            eol: Some((Date::parse("2027-03-01").expect("d"), 90))
        }
    );
    assert_eq!(
        opus.lifecycle.as_ref().and_then(|l| l.successor.as_deref()),
        Some("anthropic.claude-opus-5-5")
    );
}

#[test]
fn every_model_is_sourced_and_priced_or_explained() {
    let c = catalog_on("2026-12-01");
    assert!(c.models.len() >= 120, "{}", c.models.len());
    for (id, m) in &c.models {
        assert!(m.source.starts_with("https://"), "{id} source");
        assert!(Date::parse(&m.as_of).is_some(), "{id} as_of");
        let has_price =
            m.prices.standard.is_some() || !m.regions.is_empty() || m.provisioned.is_some();
        let eol = matches!(m.lifecycle_state(c.today), LifecycleState::EndOfLife { .. });
        assert!(has_price || eol, "{id}: neither a price nor end of life");
    }
}

#[test]
fn a_schema_1_price_book_says_what_the_key_is_now() {
    let book = "[models.\"amazon.nova-pro-v1:0\".on_demand]\ninput = \"0.70\"\n";
    let err = Catalog::load(&[("old.toml".into(), book.into())]).expect_err("schema 1");
    let text = err.to_string();
    assert!(text.starts_with("old.toml: "), "{text}");
    assert!(
        text.contains("[models.\"amazon.nova-pro-v1:0\".prices.standard]"),
        "{text}"
    );
}

#[test]
fn a_price_book_figure_needs_its_own_source() {
    let book =
        "[models.\"amazon.nova-pro-v1:0\".regions.\"eu-west-1\".standard]\ninput = \"1.05\"\n";
    let err = Catalog::load(&[("book.toml".into(), book.into())]).expect_err("unsourced");
    assert!(
        err.to_string().contains(
            "regions.\"eu-west-1\".standard sets prices without its own `source` and `as_of`"
        ),
        "{err}"
    );
}
