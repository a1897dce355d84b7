//! The words of synthetic interviews: speaker turns of questions and answers built from a
//! vocabulary of customers, knowledge, CRM systems, banks and branches, deterministic from the
//! generator's random source.

use super::pick;
use crate::store::StoreError;

/// A document's text and where its participant's words are (in characters).
pub(super) struct Transcript {
    pub(super) text: String,
    chars: usize,
    /// Start and end of every word the participant says, in order.
    words: Vec<(usize, usize)>,
}

impl Transcript {
    /// A passage of 5..=400 characters starting at a participant's word, ending at a word's end
    /// where that fits.
    pub(super) fn passage(&self, rng: &mut fastrand::Rng) -> Result<(usize, usize), StoreError> {
        if self.chars < 5 {
            return Err(StoreError::Invalid("a synthetic document is too short to code".into()));
        }
        let u = rng.f64();
        let want = 5 + (395.0 * u * u) as usize;
        let start = if self.words.is_empty() { 0 } else { self.words[rng.usize(..self.words.len())].0 };
        let target = start + want;
        let i = self.words.partition_point(|&(_, end)| end < target);
        let mut end = match self.words.get(i) {
            Some(&(_, end)) if end - start <= 400 && end <= self.chars => end,
            _ => target.min(self.chars),
        };
        let mut start = start;
        if end - start < 5 {
            end = (start + 5).min(self.chars);
            start = end - 5;
        }
        Ok((start, end))
    }
}

/// An interview of exactly `words` words (speaker labels included): short interviewer turns,
/// longer participant turns, paragraphs separated by blank lines.
pub(super) fn transcript(rng: &mut fastrand::Rng, participant: &str, words: usize) -> Transcript {
    let mut text = String::with_capacity(words * 7);
    let mut chars = 0;
    let mut spans = Vec::new();
    let mut remaining = words;
    let mut interviewer = true;
    while remaining > 0 {
        let mut len = if interviewer { rng.usize(4..=22) } else { rng.usize(30..=230) };
        if interviewer && remaining < len + 30 {
            interviewer = false;
        }
        if !interviewer && remaining < len + 30 {
            len = remaining;
        }
        let len = len.min(remaining);
        remaining -= len;
        let label = if interviewer { "Interviewer:" } else { participant };
        if chars > 0 {
            text.push_str("\n\n");
            chars += 2;
        }
        text.push_str(label);
        chars += label.chars().count();
        if !interviewer {
            text.push(':');
            chars += 1;
        }
        for word in turn(rng, interviewer, len - 1) {
            text.push(' ');
            chars += 1;
            let n = word.chars().count();
            if !interviewer {
                spans.push((chars, chars + n));
            }
            text.push_str(&word);
            chars += n;
        }
        interviewer = !interviewer;
    }
    Transcript { text, chars, words: spans }
}

/// Exactly `n` words of one speaker, whole sentences but the last, which is cut short.
fn turn(rng: &mut fastrand::Rng, interviewer: bool, n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(n);
    let mut first = true;
    while out.len() < n {
        let sentence = if interviewer {
            if first && rng.f64() < 0.4 { words_of(pick(rng, ACKNOWLEDGEMENTS)) } else { question(rng) }
        } else {
            sentence(rng)
        };
        first = false;
        let room = n - out.len();
        if sentence.len() <= room {
            out.extend(sentence);
        } else if room <= 3 {
            // A short reply fills the last few words exactly.
            let mut room = room;
            while room > 0 {
                let fits: Vec<&str> = SHORT_REPLIES.iter().copied().filter(|r| r.split(' ').count() <= room).collect();
                let reply = words_of(pick(rng, &fits));
                room -= reply.len();
                out.extend(reply);
            }
        } else if rng.f64() < 0.8 {
            // Try another sentence that may fit before cutting one short.
            continue;
        } else {
            out.extend(sentence.into_iter().take(room));
            let last = out.last_mut().expect("room is at least one word");
            *last = format!("{}.", last.trim_end_matches([',', '.', '?']));
        }
    }
    out
}

pub(super) fn sentence(rng: &mut fastrand::Rng) -> Vec<String> {
    let mut words = Vec::new();
    if rng.f64() < 0.25 {
        words.extend(words_of(pick(rng, OPENERS)));
    }
    clause(rng, &mut words);
    if rng.f64() < 0.3 {
        let conjunction = pick(rng, CONJUNCTIONS);
        if let Some(rest) = conjunction.strip_prefix(", ") {
            words.last_mut().expect("a clause has words").push(',');
            words.extend(words_of(rest));
        } else {
            words.extend(words_of(conjunction));
        }
        clause(rng, &mut words);
    }
    finish(words, '.')
}

fn clause(rng: &mut fastrand::Rng, words: &mut Vec<String>) {
    words.extend(words_of(&subject(rng)));
    if rng.f64() < 0.35 {
        words.extend(words_of(pick(rng, ADVERBS)));
    }
    words.extend(words_of(VERBS[rng.usize(..VERBS.len())].0));
    words.extend(words_of(&object(rng)));
    if rng.f64() < 0.5 {
        words.extend(words_of(&phrase_of(rng, &PREPOSITIONS)));
    }
}

fn question(rng: &mut fastrand::Rng) -> Vec<String> {
    let (past, base) = VERBS[rng.usize(..VERBS.len())];
    let text = match rng.usize(..9) {
        0 => format!("How did you {base} {}", object(rng)),
        1 => format!("Can you tell me more about {}", object(rng)),
        2 => format!("What happened when {} {past} {}", subject(rng), object(rng)),
        3 => "Why do you think that is".to_owned(),
        4 => "Could you give me an example".to_owned(),
        5 => format!("Who {past} {}", object(rng)),
        6 => format!("How often did {} {base} {}", subject(rng), object(rng)),
        7 => format!("What role did {} play", object(rng)),
        _ => format!("Did you {base} {} {}", object(rng), phrase_of(rng, &PREPOSITIONS)),
    };
    finish(words_of(&text), '?')
}

fn subject(rng: &mut fastrand::Rng) -> String {
    if rng.f64() < 0.6 { pick(rng, SUBJECTS).to_owned() } else { noun_phrase(rng) }
}

fn object(rng: &mut fastrand::Rng) -> String {
    let mut phrase = noun_phrase(rng);
    if rng.f64() < 0.15 {
        phrase = format!("{phrase} of {}", noun_phrase(rng));
    }
    phrase
}

fn noun_phrase(rng: &mut fastrand::Rng) -> String {
    let det = if rng.f64() < 0.5 { "the" } else { pick(rng, DETERMINERS) };
    let rest = if rng.f64() < 0.4 {
        format!("{} {}", pick(rng, ADJECTIVES), pick(rng, NOUNS))
    } else {
        pick(rng, NOUNS).into()
    };
    let det = if det == "a" && rest.starts_with(['a', 'e', 'i', 'o', 'u', 'I']) { "an" } else { det };
    format!("{det} {rest}")
}

pub(super) fn phrase_of(rng: &mut fastrand::Rng, prepositions: &[&str]) -> String {
    format!("{} {}", pick(rng, prepositions), noun_phrase(rng))
}

/// A two-word topic for the name of a code, concept or category ("customer trust").
pub(super) fn topic(rng: &mut fastrand::Rng) -> String {
    format!("{} {}", pick(rng, TOPIC_QUALIFIERS), pick(rng, TOPIC_HEADS))
}

fn words_of(phrase: &str) -> Vec<String> {
    phrase.split(' ').map(str::to_owned).collect()
}

/// Capitalises the first word and ends the last with `mark`.
fn finish(mut words: Vec<String>, mark: char) -> Vec<String> {
    if let Some(first) = words.first_mut() {
        let mut chars = first.chars();
        if let Some(c) = chars.next() {
            *first = c.to_uppercase().chain(chars).collect();
        }
    }
    if let Some(last) = words.last_mut() {
        last.push(mark);
    }
    words
}

const SUBJECTS: &[&str] = &[
    "we",
    "I",
    "they",
    "my manager",
    "the team",
    "our branch",
    "the bank",
    "head office",
    "the customers",
    "my colleagues",
    "the older staff",
    "the new people",
    "the system",
    "the regional director",
    "everyone",
    "nobody",
    "the analysts",
    "the call centre",
    "our advisors",
    "the vendor",
];
const DETERMINERS: &[&str] = &["a", "our", "their", "my", "every", "that", "this", "some", "each", "the same"];
const ADVERBS: &[&str] = &[
    "often",
    "usually",
    "sometimes",
    "rarely",
    "never",
    "always",
    "actually",
    "really",
    "mostly",
    "finally",
    "already",
    "still",
    "just",
    "normally",
    "occasionally",
];
const OPENERS: &[&str] = &[
    "Well,",
    "Honestly,",
    "In practice,",
    "To be honest,",
    "At the branch,",
    "Last year,",
    "Mostly,",
    "I think",
    "In my experience,",
    "Of course,",
    "For example,",
    "Before the new system,",
    "After the rollout,",
    "On a good day,",
    "Sometimes",
    "Back then,",
    "These days,",
    "To be fair,",
    "In the beginning,",
    "You know,",
];
const CONJUNCTIONS: &[&str] =
    &[", because", ", but", "and", ", so", ", although", ", which meant", ", and then", ", while", "until"];
pub(super) const PREPOSITIONS: [&str; 13] =
    ["in", "with", "from", "for", "about", "during", "after", "before", "through", "without", "across", "into", "at"];
const ACKNOWLEDGEMENTS: &[&str] =
    &["Okay.", "I see.", "Right.", "Interesting.", "Thank you.", "Mm-hm.", "That makes sense.", "Good."];
const SHORT_REPLIES: &[&str] = &[
    "Yes.",
    "Exactly.",
    "Right.",
    "Definitely.",
    "Okay.",
    "Not really.",
    "More or less.",
    "I see.",
    "I think so.",
    "That is all.",
    "Something like that.",
];
const VERBS: &[(&str, &str)] = &[
    ("shared", "share"),
    ("recorded", "record"),
    ("discussed", "discuss"),
    ("checked", "check"),
    ("updated", "update"),
    ("ignored", "ignore"),
    ("learned", "learn"),
    ("explained", "explain"),
    ("trusted", "trust"),
    ("entered", "enter"),
    ("analysed", "analyse"),
    ("compared", "compare"),
    ("documented", "document"),
    ("built", "build"),
    ("lost", "lose"),
    ("kept", "keep"),
    ("collected", "collect"),
    ("used", "use"),
    ("changed", "change"),
    ("questioned", "question"),
    ("combined", "combine"),
    ("reviewed", "review"),
    ("followed", "follow"),
    ("copied", "copy"),
    ("visited", "visit"),
    ("supported", "support"),
    ("sold", "sell"),
    ("offered", "offer"),
    ("approved", "approve"),
    ("rejected", "reject"),
    ("remembered", "remember"),
    ("forgot", "forget"),
    ("noticed", "notice"),
    ("understood", "understand"),
    ("improved", "improve"),
    ("replaced", "replace"),
    ("tested", "test"),
    ("tracked", "track"),
    ("measured", "measure"),
    ("reported", "report"),
    ("found", "find"),
    ("missed", "miss"),
    ("needed", "need"),
    ("preferred", "prefer"),
    ("avoided", "avoid"),
    ("adapted", "adapt"),
    ("designed", "design"),
    ("launched", "launch"),
    ("integrated", "integrate"),
    ("exported", "export"),
    ("printed", "print"),
    ("searched", "search"),
    ("classified", "classify"),
    ("segmented", "segment"),
    ("contacted", "contact"),
    ("welcomed", "welcome"),
    ("advised", "advise"),
    ("convinced", "convince"),
    ("managed", "manage"),
    ("organised", "organise"),
    ("planned", "plan"),
    ("agreed on", "agree on"),
    ("worried about", "worry about"),
    ("talked about", "talk about"),
    ("relied on", "rely on"),
    ("looked at", "look at"),
    ("wrote down", "write down"),
    ("passed on", "pass on"),
    ("set up", "set up"),
    ("filled in", "fill in"),
    ("dealt with", "deal with"),
    ("asked about", "ask about"),
];
const NOUNS: &[&str] = &[
    "customer",
    "client",
    "account",
    "branch",
    "manager",
    "colleague",
    "team",
    "CRM system",
    "database",
    "record",
    "file",
    "note",
    "report",
    "dashboard",
    "profile",
    "complaint",
    "request",
    "loan",
    "mortgage",
    "product",
    "offer",
    "campaign",
    "call centre",
    "meeting",
    "conversation",
    "visit",
    "phone call",
    "email",
    "form",
    "screen",
    "field",
    "process",
    "procedure",
    "rule",
    "policy",
    "target",
    "incentive",
    "bonus",
    "training",
    "workshop",
    "manual",
    "handbook",
    "knowledge",
    "experience",
    "expertise",
    "insight",
    "feedback",
    "survey",
    "segment",
    "portfolio",
    "relationship",
    "trust",
    "loyalty",
    "history",
    "preference",
    "need",
    "problem",
    "solution",
    "service",
    "data",
    "information",
    "interface",
    "tool",
    "module",
    "vendor",
    "project",
    "rollout",
    "upgrade",
    "budget",
    "head office",
    "region",
    "market",
    "competitor",
    "regulator",
    "risk",
    "credit score",
    "transaction",
    "payment",
    "card",
    "deposit",
    "savings account",
    "advisor",
    "teller",
    "supervisor",
    "director",
    "analyst",
    "consultant",
    "IT department",
    "marketing department",
    "back office",
    "front desk",
    "queue",
    "appointment",
    "routine",
    "habit",
    "culture",
    "network",
    "contact",
    "lead",
    "opportunity",
    "sales pitch",
    "script",
    "template",
    "checklist",
    "spreadsheet",
    "intranet",
    "forum",
    "mentor",
    "newcomer",
    "story",
    "example",
    "mistake",
    "lesson",
    "idea",
    "suggestion",
    "decision",
    "approval",
    "deadline",
    "workload",
    "shift",
    "customer journey",
    "touchpoint",
    "channel",
    "mobile app",
    "website",
    "chat",
    "small business",
    "household",
    "pensioner",
    "family",
    "community",
];
const ADJECTIVES: &[&str] = &[
    "new",
    "old",
    "local",
    "regional",
    "central",
    "personal",
    "informal",
    "formal",
    "detailed",
    "basic",
    "shared",
    "private",
    "useful",
    "complicated",
    "simple",
    "slow",
    "fast",
    "reliable",
    "unreliable",
    "accurate",
    "incomplete",
    "outdated",
    "important",
    "difficult",
    "long-term",
    "loyal",
    "unhappy",
    "satisfied",
    "frequent",
    "senior",
    "junior",
    "experienced",
    "tacit",
    "explicit",
    "digital",
    "manual",
    "whole",
    "different",
    "good",
    "bad",
    "strong",
    "weak",
    "official",
    "unofficial",
    "daily",
    "weekly",
    "monthly",
    "annual",
    "typical",
    "specific",
    "valuable",
    "sensitive",
    "confidential",
];
const TOPIC_QUALIFIERS: &[&str] = &[
    "customer",
    "branch",
    "manager",
    "knowledge",
    "CRM",
    "data",
    "service",
    "relationship",
    "informal",
    "tacit",
    "shared",
    "digital",
    "regional",
    "sales",
    "complaint",
    "loyalty",
    "product",
    "team",
    "system",
    "peer",
    "frontline",
    "management",
    "vendor",
    "campaign",
    "risk",
];
const TOPIC_HEADS: &[&str] = &[
    "trust",
    "routines",
    "sharing",
    "quality",
    "ownership",
    "workarounds",
    "learning",
    "incentives",
    "resistance",
    "adoption",
    "memory",
    "networks",
    "feedback",
    "records",
    "segmentation",
    "retention",
    "training",
    "culture",
    "storytelling",
    "mentoring",
    "pressure",
    "visibility",
    "control",
    "expertise",
    "habits",
    "insight",
    "profiling",
    "follow-up",
];
