//! CloudFormation intrinsic functions, evaluated as far as the template (and the deployment's
//! parameter overrides and Region) makes them known: `Ref`, `Fn::Sub`, `Fn::Join`, `Fn::FindInMap`,
//! `Fn::If`, `Fn::Select`, `Fn::Split`. What is not known is an unknown part (`UNKNOWN_PART`), never a
//! guess; each known part remembers where it is written, so a finding lands on the literal to change.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::entries::Entry;
use crate::model::UNKNOWN_PART;
use crate::span::Span;

/// A value as the template writes it, rebuilt from the entries under one key path.
#[derive(Debug)]
pub enum Node {
    Leaf(usize),
    Map(Vec<(String, Node)>),
    Seq(Vec<Node>),
    /// A list item or value the entries do not hold (null, an alias).
    Missing,
}

impl Node {
    /// The entries under `root` (their paths start with it), as a tree.
    pub fn build(entries: &[Entry], root: &str, members: &[usize]) -> Node {
        let mut node = Node::Missing;
        for &j in members {
            let rest = entries[j].path.get(root.len()..).unwrap_or("");
            node.insert(&parse_rest(rest), j);
        }
        node
    }

    fn insert(&mut self, segs: &[Seg], j: usize) {
        let Some((first, rest)) = segs.split_first() else {
            *self = Node::Leaf(j);
            return;
        };
        match first {
            Seg::Key(k) => {
                if !matches!(self, Node::Map(_)) {
                    *self = Node::Map(Vec::new());
                }
                if let Node::Map(items) = self {
                    // An intrinsic's argument has a handful of keys; a hostile one is capped.
                    if items.len() >= 4096 {
                        return;
                    }
                    match items.iter_mut().find(|(name, _)| name == k) {
                        Some((_, child)) => child.insert(rest, j),
                        None => {
                            let mut child = Node::Missing;
                            child.insert(rest, j);
                            items.push((k.clone(), child));
                        }
                    }
                }
            }
            Seg::Index(i) => {
                if !matches!(self, Node::Seq(_)) {
                    *self = Node::Seq(Vec::new());
                }
                if let Node::Seq(items) = self {
                    // Indexes come from the file's own list, so they are dense; a hostile gap is
                    // capped.
                    if *i > items.len() + 4096 {
                        return;
                    }
                    while items.len() <= *i {
                        items.push(Node::Missing);
                    }
                    items[*i].insert(rest, j);
                }
            }
        }
    }

    /// The single intrinsic of a one-key mapping (`{"Fn::Sub": ...}`), if it is one.
    fn intrinsic(&self) -> Option<(&str, &Node)> {
        match self {
            Node::Map(items) if items.len() == 1 && is_intrinsic(&items[0].0) => {
                Some((items[0].0.as_str(), &items[0].1))
            }
            _ => None,
        }
    }
}

enum Seg {
    Key(String),
    Index(usize),
}

fn parse_rest(rest: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    for (_, seg) in super::roles::segments(rest) {
        match seg.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            Some(i) => match i.parse() {
                Ok(i) => out.push(Seg::Index(i)),
                Err(_) => out.push(Seg::Key(seg.to_string())),
            },
            None => out.push(Seg::Key(seg.to_string())),
        }
    }
    out
}

/// `Ref` and the `Fn::` functions: a key path segment that starts an intrinsic.
pub fn is_intrinsic(seg: &str) -> bool {
    seg == "Ref" || seg.starts_with("Fn::")
}

/// Where a known part is written.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Bytes of an entry's value.
    Entry(usize, Range<usize>),
    /// A value in another file (a `samconfig.toml` override).
    Elsewhere(Span),
}

#[derive(Debug, Clone)]
pub struct Piece {
    /// The text; `UNKNOWN_PART` alone for a part that is not known.
    pub text: String,
    pub origin: Option<Origin>,
}

/// One value the expression may take (`!If` and a `!FindInMap` keyed by an unknown Region give
/// several).
#[derive(Debug, Clone, Default)]
pub struct Alt {
    pub pieces: Vec<Piece>,
    pub notes: Vec<String>,
    /// The Region this value is for (a `!FindInMap` keyed by `AWS::Region`).
    pub region: Option<String>,
    /// Which branch it is, as a key path under the expression (`.Fn::If[1]`): each branch is a
    /// resource of its own, with usage keys of its own.
    pub branch: String,
}

impl Alt {
    fn known(text: String, origin: Option<Origin>) -> Alt {
        Alt {
            pieces: vec![Piece { text, origin }],
            ..Alt::default()
        }
    }

    fn unknown() -> Alt {
        Alt::known(UNKNOWN_PART.to_string(), None)
    }

    /// The whole text (unknown parts as `UNKNOWN_PART`), and where each piece starts in it.
    pub fn text(&self) -> (String, Vec<usize>) {
        let mut s = String::new();
        let mut starts = Vec::with_capacity(self.pieces.len());
        for p in &self.pieces {
            starts.push(s.len());
            s.push_str(&p.text);
        }
        (s, starts)
    }

    /// The text when fully known.
    fn plain(&self) -> Option<String> {
        let (s, _) = self.text();
        (!s.contains(UNKNOWN_PART)).then_some(s)
    }

    fn then(mut self, other: &Alt) -> Alt {
        self.pieces.extend(other.pieces.iter().cloned());
        self.notes.extend(other.notes.iter().cloned());
        if self.region.is_none() {
            self.region.clone_from(&other.region);
        }
        if self.branch.is_empty() {
            self.branch.clone_from(&other.branch);
        }
        self
    }
}

/// More alternatives than this are not followed (nested `!If`s multiply).
const MAX_ALTS: usize = 16;

fn concat(a: Vec<Alt>, b: &[Alt]) -> Vec<Alt> {
    let mut out = Vec::new();
    for x in &a {
        for y in b {
            if out.len() < MAX_ALTS {
                out.push(x.clone().then(y));
            }
        }
    }
    out
}

/// A template parameter.
#[derive(Debug, Default)]
pub struct Param {
    pub default: Option<usize>,
    pub list: bool,
}

/// What the template and its deployment make known.
pub struct Env<'a> {
    pub entries: &'a [Entry],
    /// Path → entry, within the template's document.
    pub by_path: &'a HashMap<&'a str, usize>,
    pub params: &'a BTreeMap<String, Param>,
    /// `samconfig.toml` / `parameters.json` values: (value, where written).
    pub overrides: &'a BTreeMap<String, (String, Span)>,
    /// The deployment's Region (`samconfig.toml`), if known.
    pub region: Option<&'a str>,
    /// `Mappings.M.TopKey` names, per mapping.
    pub mapping_keys: &'a BTreeMap<String, Vec<String>>,
    /// How deep the evaluation is: intrinsics nested deeper than [`MAX_NESTING`] are unknown (a
    /// hostile template must not exhaust a worker thread's stack).
    pub nesting: std::cell::Cell<usize>,
}

/// Real templates nest intrinsics a few levels deep.
const MAX_NESTING: usize = 32;

impl Env<'_> {
    /// The values a node may take as a string; `None` when it is not a string at all (a mapping or
    /// list that is no intrinsic).
    pub fn eval(&self, node: &Node) -> Option<Vec<Alt>> {
        let depth = self.nesting.get();
        if depth >= MAX_NESTING {
            return Some(vec![Alt::unknown()]);
        }
        self.nesting.set(depth + 1);
        let out = self.eval_here(node);
        self.nesting.set(depth);
        out
    }

    fn eval_here(&self, node: &Node) -> Option<Vec<Alt>> {
        match node {
            Node::Leaf(j) => {
                let e = &self.entries[*j];
                Some(vec![Alt::known(
                    e.value.clone(),
                    Some(Origin::Entry(*j, 0..e.value.len())),
                )])
            }
            Node::Missing => None,
            Node::Seq(_) => None,
            Node::Map(_) => {
                let (name, arg) = node.intrinsic()?;
                Some(self.call(name, arg))
            }
        }
    }

    fn call(&self, name: &str, arg: &Node) -> Vec<Alt> {
        match (name, arg) {
            ("Ref", Node::Leaf(j)) => self.reference(&self.entries[*j].value),
            ("Fn::Sub", Node::Leaf(j)) => self.sub(*j, &[]),
            ("Fn::Sub", Node::Seq(items)) => match items.as_slice() {
                [Node::Leaf(j), Node::Map(vars)] => self.sub(*j, vars),
                [Node::Leaf(j)] => self.sub(*j, &[]),
                _ => vec![Alt::unknown()],
            },
            ("Fn::Join", Node::Seq(items)) => match items.as_slice() {
                [delim, Node::Seq(list)] => self.join(delim, list),
                _ => vec![Alt::unknown()],
            },
            ("Fn::FindInMap", Node::Seq(items)) if items.len() >= 3 => {
                self.find_in_map(&items[0], &items[1], &items[2])
            }
            ("Fn::If", Node::Seq(items)) => match items.as_slice() {
                [cond, a, b] => {
                    let cond = match cond {
                        Node::Leaf(j) => self.entries[*j].value.clone(),
                        _ => "a condition".to_string(),
                    };
                    let mut out = Vec::new();
                    for (k, branch, which) in [(1, a, "true"), (2, b, "false")] {
                        for mut alt in self.eval(branch).unwrap_or_default() {
                            alt.branch = format!(".Fn::If[{k}]{}", alt.branch);
                            alt.notes.push(format!(
                                "one branch of `Fn::If` on {cond} (the {which} one): each branch is listed as a possible call"
                            ));
                            out.push(alt);
                        }
                    }
                    out
                }
                _ => vec![Alt::unknown()],
            },
            ("Fn::Select", Node::Seq(items)) => match items.as_slice() {
                [index, list] => self.select(index, list),
                _ => vec![Alt::unknown()],
            },
            _ => vec![Alt::unknown()],
        }
    }

    /// `Ref` to a pseudo parameter, a template parameter, or a resource.
    fn reference(&self, name: &str) -> Vec<Alt> {
        match name {
            "AWS::NoValue" => Vec::new(),
            "AWS::Region" => vec![match self.region {
                Some(r) => Alt::known(r.to_string(), None),
                None => Alt::unknown(),
            }],
            _ if name.starts_with("AWS::") => vec![Alt::unknown()],
            _ => {
                if let Some((value, span)) = self.overrides.get(name) {
                    return vec![Alt::known(
                        value.clone(),
                        Some(Origin::Elsewhere(span.clone())),
                    )];
                }
                match self.params.get(name).and_then(|p| p.default) {
                    Some(j) => {
                        let e = &self.entries[j];
                        vec![Alt::known(
                            e.value.clone(),
                            Some(Origin::Entry(j, 0..e.value.len())),
                        )]
                    }
                    // A parameter with no default and no override, or a resource's physical ID.
                    None => vec![Alt::unknown()],
                }
            }
        }
    }

    /// `Fn::Sub`: `${Name}` (a variable of the map, a parameter, a pseudo parameter), `${R.Attr}`
    /// (unknown), `${!Literal}` (the text `${Literal}`).
    fn sub(&self, j: usize, vars: &[(String, Node)]) -> Vec<Alt> {
        let template = &self.entries[j].value;
        let mut alts = vec![Alt::default()];
        let mut at = 0;
        let literal = |from: usize, to: usize| {
            Alt::known(
                template[from..to].to_string(),
                Some(Origin::Entry(j, from..to)),
            )
        };
        while let Some(open) = template[at..].find("${").map(|i| at + i) {
            let Some(close) = template[open..].find('}').map(|i| open + i) else {
                break;
            };
            if open > at {
                alts = concat(alts, &[literal(at, open)]);
            }
            let name = &template[open + 2..close];
            let value = if let Some(lit) = name.strip_prefix('!') {
                vec![Alt::known(format!("${{{lit}}}"), None)]
            } else if let Some((_, node)) = vars.iter().find(|(k, _)| k == name) {
                self.eval(node).unwrap_or_else(|| vec![Alt::unknown()])
            } else if name.contains('.') {
                vec![Alt::unknown()]
            } else {
                self.reference(name)
            };
            if !value.is_empty() {
                alts = concat(alts, &value);
            }
            at = close + 1;
        }
        if at < template.len() {
            alts = concat(alts, &[literal(at, template.len())]);
        }
        alts
    }

    fn join(&self, delim: &Node, list: &[Node]) -> Vec<Alt> {
        let Some(delim) = self
            .eval(delim)
            .and_then(|d| d.into_iter().next())
            .and_then(|d| d.plain())
        else {
            return vec![Alt::unknown()];
        };
        let mut alts = vec![Alt::default()];
        for (i, item) in list.iter().enumerate() {
            if i > 0 && !delim.is_empty() {
                alts = concat(alts, &[Alt::known(delim.clone(), None)]);
            }
            let value = self.eval(item).unwrap_or_else(|| vec![Alt::unknown()]);
            alts = concat(alts, &value);
        }
        alts
    }

    /// `Fn::FindInMap [Map, TopKey, SecondKey]`. A top key that is not known (`!Ref AWS::Region` with
    /// no Region given) gives every top key's value, each for that key (a Region key is that value's
    /// Region).
    fn find_in_map(&self, map: &Node, top: &Node, second: &Node) -> Vec<Alt> {
        let plain = |n: &Node| {
            self.eval(n)
                .and_then(|v| (v.len() == 1).then(|| v[0].plain()).flatten())
        };
        let (Some(map), Some(second)) = (plain(map), plain(second)) else {
            return vec![Alt::unknown()];
        };
        let tops: Vec<(String, bool)> = match plain(top) {
            Some(t) => vec![(t, false)],
            None => self
                .mapping_keys
                .get(&map)
                .map(|keys| keys.iter().map(|k| (k.clone(), true)).collect())
                .unwrap_or_default(),
        };
        let mut out = Vec::new();
        for (t, enumerated) in tops {
            let path = format!("Mappings.{map}.{t}.{second}");
            let Some(&j) = self.by_path.get(path.as_str()) else {
                continue;
            };
            let e = &self.entries[j];
            let mut alt = Alt::known(e.value.clone(), Some(Origin::Entry(j, 0..e.value.len())));
            if enumerated {
                if super::is_region(&t) {
                    alt.region = Some(t.clone());
                }
                alt.branch = format!(".Fn::FindInMap[{t}]");
                alt.notes.push(format!(
                    "`Fn::FindInMap` on {map}: the top key is not known here, so each entry ({t}) is listed as a possible call"
                ));
            }
            out.push(alt);
        }
        if out.is_empty() {
            out.push(Alt::unknown());
        }
        out
    }

    fn select(&self, index: &Node, list: &Node) -> Vec<Alt> {
        let i = self
            .eval(index)
            .and_then(|v| v.into_iter().next())
            .and_then(|v| v.plain())
            .and_then(|s| s.trim().parse::<usize>().ok());
        let Some(i) = i else {
            return vec![Alt::unknown()];
        };
        match list {
            Node::Seq(items) => items
                .get(i)
                .and_then(|n| self.eval(n))
                .unwrap_or_else(|| vec![Alt::unknown()]),
            _ => match list.intrinsic() {
                Some(("Fn::Split", Node::Seq(args))) if args.len() == 2 => {
                    self.split_select(&args[0], &args[1], i)
                }
                Some(("Ref", Node::Leaf(j))) => {
                    let name = &self.entries[*j].value;
                    if self.params.get(name).is_some_and(|p| p.list) {
                        let parts = self.reference(name);
                        self.pick_from_split(parts, ",", i)
                    } else {
                        vec![Alt::unknown()]
                    }
                }
                _ => vec![Alt::unknown()],
            },
        }
    }

    fn split_select(&self, delim: &Node, source: &Node, i: usize) -> Vec<Alt> {
        let delim = self
            .eval(delim)
            .and_then(|v| v.into_iter().next())
            .and_then(|v| v.plain());
        match (delim, self.eval(source)) {
            (Some(d), Some(values)) if !d.is_empty() => self.pick_from_split(values, &d, i),
            _ => vec![Alt::unknown()],
        }
    }

    /// Item `i` of each value split at `delim`, when the value is one known piece.
    fn pick_from_split(&self, values: Vec<Alt>, delim: &str, i: usize) -> Vec<Alt> {
        values
            .into_iter()
            .map(|alt| match alt.pieces.as_slice() {
                [p] if !p.text.contains(UNKNOWN_PART) => {
                    let mut at = 0;
                    let mut found = None;
                    for (k, part) in p.text.split(delim).enumerate() {
                        if k == i {
                            found = Some((at, part));
                            break;
                        }
                        at += part.len() + delim.len();
                    }
                    match found {
                        Some((at, part)) => {
                            let origin = match &p.origin {
                                Some(Origin::Entry(j, r)) => {
                                    Some(Origin::Entry(*j, r.start + at..r.start + at + part.len()))
                                }
                                other => other.clone(),
                            };
                            Alt {
                                pieces: vec![Piece {
                                    text: part.to_string(),
                                    origin,
                                }],
                                ..alt
                            }
                        }
                        None => Alt::unknown(),
                    }
                }
                _ => Alt::unknown(),
            })
            .collect()
    }
}
