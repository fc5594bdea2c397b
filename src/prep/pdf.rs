//! Guide → PDF with printpdf and the built-in Helvetica faces: a title page, section headings,
//! wrapped text with bold and italic runs, bullets, quotes, and "Page N of M" footers.

use super::guide::Guide;
use super::markdown::{Block, section_blocks, subtitle};
use printpdf::{
    BuiltinFont, Color, Line, LinePoint, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rgb, TextItem,
};

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const TOP: f32 = PAGE_H - MARGIN;
const BOTTOM: f32 = MARGIN + 20.0;
const BODY: f32 = 10.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Style {
    bold: bool,
    italic: bool,
}

impl Style {
    const PLAIN: Self = Self {
        bold: false,
        italic: false,
    };

    fn font(self) -> BuiltinFont {
        match (self.bold, self.italic) {
            (false, false) => BuiltinFont::Helvetica,
            (true, false) => BuiltinFont::HelveticaBold,
            (false, true) => BuiltinFont::HelveticaOblique,
            (true, true) => BuiltinFont::HelveticaBoldOblique,
        }
    }
}

/// Approximate advance of a character in Helvetica, in thousandths of the font size.
fn char_width(c: char) -> f32 {
    match c {
        ' ' | 'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 278.0,
        'f' | 't' | 'r' | 'I' | '-' | '(' | ')' | '[' | ']' | '/' => 333.0,
        'm' | 'M' => 833.0,
        'w' => 722.0,
        'W' => 944.0,
        'A'..='Z' => 700.0,
        '0'..='9' | 'a'..='z' => 556.0,
        '\u{2014}' | '\u{2026}' => 1000.0,
        _ => 600.0,
    }
}

fn text_width(text: &str, size: f32, style: Style) -> f32 {
    let em: f32 = text.chars().map(char_width).sum();
    em / 1000.0 * size * if style.bold { 1.07 } else { 1.0 }
}

/// Keeps characters the built-in fonts can show (Windows-1252); replaces the rest.
fn pdf_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{20}'..='\u{7e}'
            | '\u{a0}'..='\u{ff}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{2022}'
            | '\u{2026}'
            | '\u{20ac}'
            | '\u{2122}' => c.to_string(),
            '\u{2192}' => "->".into(),
            '\u{2190}' => "<-".into(),
            '\u{2212}' => "-".into(),
            '\t' => " ".into(),
            _ => "?".into(),
        })
        .collect()
}

/// Splits inline Markdown (`**bold**`, `_italic_`, `` `code` ``) into styled words.
fn styled_words(text: &str, base: Style) -> Vec<(String, Style)> {
    let mut out = Vec::new();
    let mut bold = base.bold;
    let mut italic = base.italic;
    for raw in text.split_whitespace() {
        let mut word = raw.replace('`', "");
        let mut end_bold = false;
        let mut end_italic = false;
        while let Some(rest) = word.strip_prefix("**") {
            bold = !bold;
            word = rest.to_string();
        }
        if let Some(rest) = word.strip_prefix('_') {
            italic = !italic;
            word = rest.to_string();
        }
        while let Some(rest) = word.strip_suffix("**") {
            end_bold = true;
            word = rest.to_string();
        }
        if let Some(rest) = word.strip_suffix('_') {
            end_italic = true;
            word = rest.to_string();
        }
        // "**bold**text" inside a word
        if word.contains("**") {
            word = word.replace("**", "");
        }
        if !word.is_empty() {
            out.push((pdf_text(&word), Style { bold, italic }));
        }
        if end_bold {
            bold = !bold;
        }
        if end_italic {
            italic = !italic;
        }
    }
    out
}

/// Lays out pages of drawing operations.
struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        // `pages` always holds at least one page
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    fn text_at(&mut self, x: f32, y: f32, runs: &[(String, Style)], size: f32) {
        let ops = self.ops();
        ops.push(Op::StartTextSection);
        ops.push(Op::SetTextCursor {
            pos: Point { x: Pt(x), y: Pt(y) },
        });
        for (text, style) in runs {
            ops.push(Op::SetFont {
                font: PdfFontHandle::Builtin(style.font()),
                size: Pt(size),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
        }
        ops.push(Op::EndTextSection);
    }

    /// Writes wrapped text starting at `x` with `width`; returns nothing, moves `y` down.
    fn paragraph(
        &mut self,
        x: f32,
        width: f32,
        text: &str,
        size: f32,
        base: Style,
        first_prefix: Option<&str>,
    ) {
        let words = styled_words(text, base);
        let leading = size * 1.35;
        let space = text_width(" ", size, Style::PLAIN);
        let mut line: Vec<(String, Style)> = Vec::new();
        let mut line_w = 0.0;
        let mut first = true;
        let flush = |layout: &mut Self, line: &mut Vec<(String, Style)>, first: &mut bool| {
            layout.ensure(leading);
            layout.y -= leading;
            if *first && let Some(p) = first_prefix {
                let y = layout.y;
                layout.text_at(x - 11.0, y, &[(pdf_text(p), Style::PLAIN)], size);
            }
            *first = false;
            // merge words of one style into runs
            let mut runs: Vec<(String, Style)> = Vec::new();
            for (w, s) in line.drain(..) {
                match runs.last_mut() {
                    Some((t, ls)) if *ls == s => {
                        t.push(' ');
                        t.push_str(&w);
                    }
                    Some((t, _)) => {
                        t.push(' ');
                        runs.push((w, s));
                    }
                    None => runs.push((w, s)),
                }
            }
            let y = layout.y;
            layout.text_at(x, y, &runs, size);
        };
        for (word, style) in words {
            let w = text_width(&word, size, style);
            let needed = if line.is_empty() {
                w
            } else {
                line_w + space + w
            };
            if needed > width && !line.is_empty() {
                flush(self, &mut line, &mut first);
                line_w = 0.0;
            }
            line_w = if line.is_empty() {
                w
            } else {
                line_w + space + w
            };
            line.push((word, style));
        }
        if !line.is_empty() {
            flush(self, &mut line, &mut first);
        }
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, grey: f32) {
        let ops = self.ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor {
            col: Color::Rgb(Rgb {
                r: grey,
                g: grey,
                b: grey,
                icc_profile: None,
            }),
        });
        ops.push(Op::SetOutlineThickness { pt: Pt(0.7) });
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: Point {
                            x: Pt(x1),
                            y: Pt(y),
                        },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Pt(x2),
                            y: Pt(y),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
        ops.push(Op::RestoreGraphicsState);
    }

    fn block(&mut self, block: &Block) {
        let width = PAGE_W - 2.0 * MARGIN;
        match block {
            Block::Heading(level, text) => {
                let size = if *level <= 3 { 13.5 } else { 11.5 };
                // keep a heading with at least two lines of what follows
                self.ensure(size * 1.4 + BODY * 3.0 + 8.0);
                self.y -= 8.0;
                self.paragraph(
                    MARGIN,
                    width,
                    text,
                    size,
                    Style {
                        bold: true,
                        italic: false,
                    },
                    None,
                );
                self.y -= 2.0;
            }
            Block::Paragraph(text) => {
                self.y -= 4.0;
                self.paragraph(MARGIN, width, text, BODY, Style::PLAIN, None);
            }
            Block::Bullet { depth, text } => {
                let indent = 14.0 + f32::from(*depth) * 16.0;
                let marker = if *depth == 0 { "\u{2022}" } else { "\u{2013}" };
                self.y -= 1.5;
                self.paragraph(
                    MARGIN + indent,
                    width - indent,
                    text,
                    BODY,
                    Style::PLAIN,
                    Some(marker),
                );
            }
            Block::Quote(text) => {
                self.y -= 4.0;
                let top = self.y;
                self.paragraph(
                    MARGIN + 12.0,
                    width - 12.0,
                    text,
                    BODY,
                    Style {
                        bold: false,
                        italic: true,
                    },
                    None,
                );
                let bottom = self.y - 3.0;
                if bottom < top {
                    self.rule_vertical(MARGIN + 4.0, top, bottom);
                }
            }
        }
    }

    fn rule_vertical(&mut self, x: f32, y1: f32, y2: f32) {
        let ops = self.ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineThickness { pt: Pt(1.5) });
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: Point {
                            x: Pt(x),
                            y: Pt(y1),
                        },
                        bezier: false,
                    },
                    LinePoint {
                        p: Point {
                            x: Pt(x),
                            y: Pt(y2),
                        },
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
        ops.push(Op::RestoreGraphicsState);
    }
}

fn title_page(layout: &mut Layout, g: &Guide) {
    let width = PAGE_W - 2.0 * MARGIN;
    layout.y = PAGE_H - 200.0;
    layout.paragraph(
        MARGIN,
        width,
        "Prep guide",
        30.0,
        Style {
            bold: true,
            italic: false,
        },
        None,
    );
    layout.y -= 10.0;
    layout.paragraph(MARGIN, width, &g.heading(), 20.0, Style::PLAIN, None);
    layout.y -= 6.0;
    let y = layout.y - 6.0;
    layout.rule(MARGIN, PAGE_W - MARGIN, y, 0.3);
    layout.y -= 14.0;
    layout.paragraph(
        MARGIN,
        width,
        &subtitle(g),
        11.0,
        Style {
            bold: false,
            italic: true,
        },
        None,
    );
    layout.y -= 24.0;
    let c = &g.context;
    for line in [
        format!("**Role:** {}", c.role.label()),
        format!("**Seniority:** {}", c.seniority.label()),
        format!("**Predicted questions:** {}", g.predicted.len()),
        format!("**Plan:** {} day(s)", g.plan.len()),
    ] {
        layout.paragraph(MARGIN, width, &line, 12.0, Style::PLAIN, None);
        layout.y -= 2.0;
    }
    if !c.drivers.is_empty() {
        layout.y -= 14.0;
        layout.paragraph(
            MARGIN,
            width,
            "Callback drivers",
            13.0,
            Style {
                bold: true,
                italic: false,
            },
            None,
        );
        for (i, d) in c.drivers.iter().enumerate() {
            layout.y -= 2.0;
            layout.paragraph(
                MARGIN + 14.0,
                width - 14.0,
                &format!("{}. {}", i + 1, d.text),
                11.0,
                Style::PLAIN,
                None,
            );
        }
    }
    layout.text_at(
        MARGIN,
        MARGIN,
        &[(
            pdf_text(&format!(
                "Built {} by hotseat ({})",
                g.created_at.strftime("%Y-%m-%d"),
                g.generated_by
            )),
            Style {
                bold: false,
                italic: true,
            },
        )],
        9.0,
    );
}

fn footer(ops: &mut Vec<Op>, page: usize, total: usize, title: &str) {
    let label = format!("Page {page} of {total}");
    let size = 9.0;
    let w = text_width(&label, size, Style::PLAIN);
    let mut layout = Layout {
        pages: vec![std::mem::take(ops)],
        y: 0.0,
    };
    let short: String = title.chars().take(70).collect();
    layout.text_at(MARGIN, 30.0, &[(pdf_text(&short), Style::PLAIN)], size);
    layout.text_at(PAGE_W - MARGIN - w, 30.0, &[(label, Style::PLAIN)], size);
    layout.rule(MARGIN, PAGE_W - MARGIN, 42.0, 0.75);
    if let Some(p) = layout.pages.pop() {
        *ops = p;
    }
}

/// The guide as PDF bytes: a title page, one or more pages per section, page numbers.
pub fn to_pdf(g: &Guide) -> Vec<u8> {
    let mut layout = Layout::new();
    title_page(&mut layout, g);
    let width = PAGE_W - 2.0 * MARGIN;
    for kind in g.sections() {
        layout.new_page();
        layout.paragraph(
            MARGIN,
            width,
            kind.title(),
            18.0,
            Style {
                bold: true,
                italic: false,
            },
            None,
        );
        let y = layout.y - 5.0;
        layout.rule(MARGIN, PAGE_W - MARGIN, y, 0.4);
        layout.y -= 10.0;
        for block in section_blocks(g, kind) {
            layout.block(&block);
        }
    }
    let total = layout.pages.len();
    let title = format!("Prep guide: {}", g.heading());
    let pages: Vec<PdfPage> = layout
        .pages
        .into_iter()
        .enumerate()
        .map(|(i, mut ops)| {
            if i > 0 {
                footer(&mut ops, i + 1, total, &title);
            }
            PdfPage::new(
                printpdf::Mm::from(Pt(PAGE_W)),
                printpdf::Mm::from(Pt(PAGE_H)),
                ops,
            )
        })
        .collect();
    let mut doc = PdfDocument::new(&pdf_text(&title));
    doc.with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown_becomes_styled_words() {
        let words = styled_words("a **bold move** and _(aside)_ done", Style::PLAIN);
        let bold: Vec<&str> = words
            .iter()
            .filter(|(_, s)| s.bold)
            .map(|(w, _)| w.as_str())
            .collect();
        assert_eq!(bold, ["bold", "move"]);
        let italic: Vec<&str> = words
            .iter()
            .filter(|(_, s)| s.italic)
            .map(|(w, _)| w.as_str())
            .collect();
        assert_eq!(italic, ["(aside)"]);
        assert_eq!(pdf_text("a → b ✓"), "a -> b ?");
    }
}
