package io.jpod.cli.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a Go text/template source into text and action tokens (comments and trim markers handled here). */
final class TemplateLexer {
  enum Kind { TEXT, OPEN, CLOSE, FIELD, DOT, VARIABLE, STRING, NUMBER, BOOL, NIL, IDENT, KEYWORD,
    PIPE, LPAREN, RPAREN, DECLARE, ASSIGN, COMMA, SPACE }

  record Token(Kind kind, String text, Object value, int pos) {
    Token(Kind kind, String text, int pos) {
      this(kind, text, null, pos);
    }
  }

  static final Set<String> KEYWORDS =
      Set.of("if", "else", "end", "range", "with", "define", "template", "block", "break", "continue");

  private final String name;
  private final String src;
  private final List<Token> out = new ArrayList<>();
  private int p;

  private TemplateLexer(String name, String src) {
    this.name = name;
    this.src = src;
  }

  static List<Token> lex(String name, String src) {
    TemplateLexer l = new TemplateLexer(name, src);
    l.run();
    return l.out;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isAlnum(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private void run() {
    boolean trimNext = false;
    int n = src.length();
    while (p <= n) {
      int open = src.indexOf("{{", p);
      String text = open < 0 ? src.substring(p) : src.substring(p, open);
      boolean trimLeft = open >= 0 && open + 3 < n && src.charAt(open + 2) == '-' && isSpace(src.charAt(open + 3));
      if (trimNext) {
        text = text.stripLeading().isEmpty() ? "" : text.substring(leadingSpace(text));
      }
      if (trimLeft) {
        text = text.substring(0, trailingStart(text));
      }
      if (!text.isEmpty()) {
        out.add(new Token(Kind.TEXT, text, p));
      }
      if (open < 0) {
        return;
      }
      p = open + 2 + (trimLeft ? 2 : 0);
      trimNext = lexAction(open);
    }
  }

  private static int leadingSpace(String t) {
    int i = 0;
    while (i < t.length() && isSpace(t.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int trailingStart(String t) {
    int i = t.length();
    while (i > 0 && isSpace(t.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  /** Lexes one action starting after its left delimiter; returns whether it ended with a trim marker. */
  private boolean lexAction(int open) {
    int n = src.length();
    // A comment must be the whole action.
    int q = p;
    while (q < n && isSpace(src.charAt(q))) {
      q++;
    }
    if (src.startsWith("/*", q) && (q == p || src.charAt(open + 2) == '-')) {
      int end = src.indexOf("*/", q + 2);
      if (end < 0) {
        throw TemplateError.parse(name, src, open, "unclosed comment");
      }
      p = end + 2;
      if (rightTrim()) {
        p += 4;
        return true;
      }
      if (src.startsWith("}}", p)) {
        p += 2;
        return false;
      }
      throw TemplateError.parse(name, src, open, "comment ends before closing delimiter");
    }
    out.add(new Token(Kind.OPEN, "{{", open));
    while (true) {
      if (p >= n) {
        throw TemplateError.parse(name, src, open, "unclosed action");
      }
      if (rightTrim()) {
        out.add(new Token(Kind.CLOSE, "}}", p));
        p += 4;
        return true;
      }
      if (src.startsWith("}}", p)) {
        out.add(new Token(Kind.CLOSE, "}}", p));
        p += 2;
        return false;
      }
      char c = src.charAt(p);
      int start = p;
      if (isSpace(c)) {
        while (p < n && isSpace(src.charAt(p)) && !rightTrim()) {
          p++;
        }
        out.add(new Token(Kind.SPACE, " ", start));
      } else if (c == '|') {
        single(Kind.PIPE);
      } else if (c == '(') {
        single(Kind.LPAREN);
      } else if (c == ')') {
        single(Kind.RPAREN);
      } else if (c == ',') {
        single(Kind.COMMA);
      } else if (c == '=') {
        single(Kind.ASSIGN);
      } else if (c == ':') {
        if (!src.startsWith(":=", p)) {
          throw TemplateError.parse(name, src, p, "expected :=");
        }
        p += 2;
        out.add(new Token(Kind.DECLARE, ":=", start));
      } else if (c == '"') {
        lexQuote();
      } else if (c == '`') {
        int end = src.indexOf('`', p + 1);
        if (end < 0) {
          throw TemplateError.parse(name, src, p, "unterminated raw quoted string");
        }
        out.add(new Token(Kind.STRING, src.substring(p, end + 1), src.substring(p + 1, end), start));
        p = end + 1;
      } else if (c == '\'') {
        lexChar();
      } else if (c == '$') {
        p++;
        while (p < n && isAlnum(src.charAt(p))) {
          p++;
        }
        out.add(new Token(Kind.VARIABLE, src.substring(start, p), start));
      } else if (c == '.' && p + 1 < n && Character.isDigit(src.charAt(p + 1))) {
        lexNumber();
      } else if (c == '.') {
        p++;
        while (p < n && isAlnum(src.charAt(p))) {
          p++;
        }
        out.add(new Token(p == start + 1 ? Kind.DOT : Kind.FIELD, src.substring(start, p), start));
      } else if (Character.isDigit(c)
          || ((c == '-' || c == '+') && p + 1 < n && (Character.isDigit(src.charAt(p + 1)) || src.charAt(p + 1) == '.'))) {
        lexNumber();
      } else if (Character.isLetter(c) || c == '_') {
        while (p < n && isAlnum(src.charAt(p))) {
          p++;
        }
        String word = src.substring(start, p);
        Kind k = switch (word) {
          case "true", "false" -> Kind.BOOL;
          case "nil" -> Kind.NIL;
          default -> KEYWORDS.contains(word) ? Kind.KEYWORD : Kind.IDENT;
        };
        out.add(new Token(k, word, k == Kind.BOOL ? Boolean.valueOf(word) : null, start));
      } else {
        throw TemplateError.parse(name, src, p, "unexpected \"" + c + "\" in command");
      }
    }
  }

  private boolean rightTrim() {
    return p + 3 < src.length() && isSpace(src.charAt(p)) && src.charAt(p + 1) == '-' && src.startsWith("}}", p + 2);
  }

  private void single(Kind k) {
    out.add(new Token(k, String.valueOf(src.charAt(p)), p));
    p++;
  }

  private void lexQuote() {
    int start = p;
    StringBuilder sb = new StringBuilder();
    p++;
    while (true) {
      if (p >= src.length() || src.charAt(p) == '\n') {
        throw TemplateError.parse(name, src, start, "unterminated quoted string");
      }
      char c = src.charAt(p);
      if (c == '"') {
        p++;
        break;
      }
      if (c == '\\') {
        p = unescape(p, sb);
      } else {
        sb.append(c);
        p++;
      }
    }
    out.add(new Token(Kind.STRING, src.substring(start, p), sb.toString(), start));
  }

  private void lexChar() {
    int start = p;
    StringBuilder sb = new StringBuilder();
    p++;
    if (p < src.length() && src.charAt(p) == '\\') {
      p = unescape(p, sb);
    } else if (p < src.length()) {
      sb.appendCodePoint(src.codePointAt(p));
      p += Character.charCount(src.codePointAt(p));
    }
    if (p >= src.length() || src.charAt(p) != '\'' || sb.isEmpty()) {
      throw TemplateError.parse(name, src, start, "unterminated character constant");
    }
    p++;
    out.add(new Token(Kind.NUMBER, src.substring(start, p), (long) sb.codePointAt(0), start));
  }

  /** Decodes a Go escape sequence at {@code i} (a backslash) into sb; returns the index after it. */
  private int unescape(int i, StringBuilder sb) {
    if (i + 1 >= src.length()) {
      throw TemplateError.parse(name, src, i, "unterminated quoted string");
    }
    char e = src.charAt(i + 1);
    int hex = switch (e) {
      case 'x' -> 2;
      case 'u' -> 4;
      case 'U' -> 8;
      default -> 0;
    };
    if (hex > 0) {
      try {
        sb.appendCodePoint(Integer.parseInt(src.substring(i + 2, i + 2 + hex), 16));
      } catch (RuntimeException ex) {
        throw TemplateError.parse(name, src, i, "invalid syntax");
      }
      return i + 2 + hex;
    }
    if (e >= '0' && e <= '7') {
      try {
        sb.append((char) Integer.parseInt(src.substring(i + 1, i + 4), 8));
      } catch (RuntimeException ex) {
        throw TemplateError.parse(name, src, i, "invalid syntax");
      }
      return i + 4;
    }
    sb.append(switch (e) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case 'a' -> '\u0007';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'v' -> '\u000b';
      case '\\', '"', '\'' -> e;
      default -> throw TemplateError.parse(name, src, i, "invalid syntax");
    });
    return i + 2;
  }

  private void lexNumber() {
    int start = p;
    int n = src.length();
    p++;
    while (p < n) {
      char c = src.charAt(p);
      char prev = src.charAt(p - 1);
      if (isAlnum(c) || c == '.' || ((c == '+' || c == '-') && "eEpP".indexOf(prev) >= 0)) {
        p++;
      } else {
        break;
      }
    }
    String text = src.substring(start, p);
    out.add(new Token(Kind.NUMBER, text, parseNumber(text, start), start));
  }

  private Object parseNumber(String text, int pos) {
    String t = text.replace("_", "");
    boolean neg = t.startsWith("-");
    String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    try {
      String lower = body.toLowerCase();
      long v;
      if (lower.startsWith("0x") && !lower.contains("p")) {
        v = Long.parseLong(body.substring(2), 16);
      } else if (lower.startsWith("0o")) {
        v = Long.parseLong(body.substring(2), 8);
      } else if (lower.startsWith("0b")) {
        v = Long.parseLong(body.substring(2), 2);
      } else if (lower.length() > 1 && lower.startsWith("0") && lower.chars().allMatch(Character::isDigit)) {
        v = Long.parseLong(body.substring(1), 8);
      } else if (lower.chars().allMatch(Character::isDigit)) {
        v = Long.parseLong(body);
      } else {
        double d = Double.parseDouble(lower.startsWith("0x") ? "0x" + body.substring(2) : body);
        return neg ? -d : d;
      }
      return neg ? -v : v;
    } catch (NumberFormatException e) {
      throw TemplateError.parse(name, src, pos, "bad number syntax: \"" + text + "\"");
    }
  }
}
