// A recursive-descent parser of condition expressions (model/expression.hpp). Precedence, from
// DynamoDB's documentation: comparisons, IN, BETWEEN and functions bind tightest, then NOT,
// then AND, then OR; parentheses group.
#include "model/expression.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <string>
#include <utility>

namespace dynamodel {
namespace {

struct Token {
  enum class Kind { name, parameter, string, number, comparator, lparen, rparen, comma, end };
  Kind kind = Kind::end;
  std::string text;
  std::size_t offset = 0;
};

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-'; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

struct Failure {
  ExpressionError error;
};

class Parser {
 public:
  Parser(std::string_view text, const Location& at) : text_(text), at_(at) {}

  ExprNode parse() {
    tokenize();
    ExprNode n = or_expr();
    if (peek().kind != Token::Kind::end) fail(peek(), "unexpected '" + peek().text + "' after a complete condition");
    return n;
  }

 private:
  Location where(std::size_t offset) const {
    Location l = at_;
    if (l.line > 0) l.column += static_cast<int>(offset);
    return l;
  }

  [[noreturn]] void fail(const Token& t, std::string message) const {
    throw Failure{ExpressionError{std::move(message), where(t.offset)}};
  }
  [[noreturn]] void fail_at(std::size_t offset, std::string message) const {
    throw Failure{ExpressionError{std::move(message), where(offset)}};
  }

  void tokenize() {
    std::size_t i = 0;
    const std::size_t n = text_.size();
    while (i < n) {
      const char c = text_[i];
      if (std::isspace(static_cast<unsigned char>(c)) != 0) {
        ++i;
        continue;
      }
      Token t;
      t.offset = i;
      if (c == '(' || c == ')' || c == ',') {
        t.kind = c == '(' ? Token::Kind::lparen : c == ')' ? Token::Kind::rparen : Token::Kind::comma;
        t.text = std::string(1, c);
        ++i;
      } else if (c == '=' || c == '<' || c == '>') {
        t.kind = Token::Kind::comparator;
        t.text = std::string(1, c);
        ++i;
        if (i < n && (text_[i] == '=' || (c == '<' && text_[i] == '>'))) {
          if (c == '=') fail_at(t.offset, "'==' is no operator: write '=' for equality");
          t.text += text_[i++];
        }
      } else if (c == '!') {
        fail_at(i, "'!=' is no operator: write '<>' for inequality");
      } else if (c == '{') {
        const auto close = text_.find('}', i + 1);
        if (close == std::string_view::npos) fail_at(i, "unclosed '{' of a parameter");
        t.kind = Token::Kind::parameter;
        t.text = std::string(text_.substr(i + 1, close - i - 1));
        if (t.text.empty() || !name_start(t.text[0]) ||
            !std::all_of(t.text.begin(), t.text.end(), [](char ch) { return name_char(ch) && ch != '-'; }))
          fail_at(i, "a parameter is {name}, with a name of letters, digits and '_', not '{" + t.text + "}'");
        i = close + 1;
      } else if (c == '\'' || c == '"') {
        const auto close = text_.find(c, i + 1);
        if (close == std::string_view::npos) fail_at(i, std::string("unclosed string literal: no closing ") + c);
        t.kind = Token::Kind::string;
        t.text = std::string(text_.substr(i + 1, close - i - 1));
        i = close + 1;
      } else if (std::isdigit(static_cast<unsigned char>(c)) != 0 ||
                 (c == '-' && i + 1 < n && std::isdigit(static_cast<unsigned char>(text_[i + 1])) != 0)) {
        std::size_t j = i + 1;
        while (j < n && (std::isdigit(static_cast<unsigned char>(text_[j])) != 0 || text_[j] == '.' ||
                         text_[j] == 'e' || text_[j] == 'E' ||
                         ((text_[j] == '-' || text_[j] == '+') && (text_[j - 1] == 'e' || text_[j - 1] == 'E'))))
          ++j;
        t.kind = Token::Kind::number;
        t.text = std::string(text_.substr(i, j - i));
        std::size_t used = 0;
        try {
          (void)std::stod(t.text, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != t.text.size()) fail_at(i, "'" + t.text + "' is not a number");
        i = j;
      } else if (name_start(c)) {
        std::size_t j = i + 1;
        while (j < n && name_char(text_[j])) ++j;
        t.kind = Token::Kind::name;
        t.text = std::string(text_.substr(i, j - i));
        i = j;
      } else if (c == ':') {
        fail_at(i, "write a parameter as {name}, not as a ':value' placeholder (dynamodel names the values)");
      } else if (c == '#') {
        fail_at(i, "write attribute names plainly, not as '#name' placeholders (dynamodel names them)");
      } else {
        fail_at(i, std::string("unexpected character '") + c + "'");
      }
      tokens_.push_back(std::move(t));
    }
    Token end;
    end.offset = n;
    end.text = "end of expression";
    tokens_.push_back(end);
  }

  const Token& peek(std::size_t ahead = 0) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
  const Token& next() {
    const Token& t = peek();
    if (pos_ < tokens_.size() - 1) ++pos_;
    return t;
  }
  bool keyword(std::string_view word, std::size_t ahead = 0) const {
    return peek(ahead).kind == Token::Kind::name && iequals(peek(ahead).text, word);
  }
  void expect(Token::Kind kind, std::string_view what) {
    if (peek().kind != kind)
      fail(peek(), "expected " + std::string(what) + ", found " +
                       (peek().kind == Token::Kind::end ? "the end of the expression" : "'" + peek().text + "'"));
    next();
  }

  static bool reserved(std::string_view word) {
    for (std::string_view k : {"AND", "OR", "NOT", "BETWEEN", "IN"})
      if (iequals(word, k)) return true;
    return false;
  }

  /// A left-associative chain of `part`s joined by keyword `word` into nodes of `kind`.
  ExprNode chain(std::string_view word, ExprNode::Kind kind, ExprNode (Parser::*part)()) {
    ExprNode left = (this->*part)();
    while (keyword(word)) {
      const Token& t = next();
      ExprNode n;
      n.kind = kind;
      n.location = where(t.offset);
      n.children.push_back(std::move(left));
      n.children.push_back((this->*part)());
      left = std::move(n);
    }
    return left;
  }

  ExprNode or_expr() { return chain("OR", ExprNode::Kind::or_, &Parser::and_expr); }
  ExprNode and_expr() { return chain("AND", ExprNode::Kind::and_, &Parser::not_expr); }

  ExprNode not_expr() {
    if (keyword("NOT")) {
      const Token& t = next();
      ExprNode n;
      n.kind = ExprNode::Kind::not_;
      n.location = where(t.offset);
      n.children.push_back(not_expr());
      return n;
    }
    return primary();
  }

  ExprOperand operand(std::string_view context) {
    const Token& t = peek();
    ExprOperand o;
    o.location = where(t.offset);
    o.text = t.text;
    switch (t.kind) {
      case Token::Kind::name:
        if (reserved(t.text)) fail(t, "expected " + std::string(context) + ", found the keyword '" + t.text + "'");
        if (iequals(t.text, "true") || iequals(t.text, "false")) {
          o.kind = ExprOperand::Kind::boolean;
          o.text = iequals(t.text, "true") ? "true" : "false";
        } else if (peek(1).kind == Token::Kind::lparen) {
          fail(t, "function " + t.text + "() cannot be an operand here" +
                      (iequals(t.text, "size") ? " (size() is not supported)" : ""));
        } else {
          o.kind = ExprOperand::Kind::attribute;
        }
        break;
      case Token::Kind::parameter:
        o.kind = ExprOperand::Kind::parameter;
        break;
      case Token::Kind::string:
        o.kind = ExprOperand::Kind::string;
        break;
      case Token::Kind::number:
        o.kind = ExprOperand::Kind::number;
        break;
      default:
        fail(t, "expected " + std::string(context) + ", found " +
                    (t.kind == Token::Kind::end ? "the end of the expression" : "'" + t.text + "'"));
    }
    next();
    return o;
  }

  ExprOperand path(std::string_view function) {
    const Token& t = peek();
    if (t.kind != Token::Kind::name || reserved(t.text) || iequals(t.text, "true") || iequals(t.text, "false"))
      fail(t, std::string(function) + "() takes an attribute name first");
    return operand("an attribute name");
  }

  ExprNode primary() {
    const Token& t = peek();
    if (t.kind == Token::Kind::lparen) {
      next();
      ExprNode n = or_expr();
      expect(Token::Kind::rparen, "')'");
      return n;
    }
    ExprNode n;
    n.location = where(t.offset);
    if (t.kind == Token::Kind::name && peek(1).kind == Token::Kind::lparen && !reserved(t.text)) {
      const std::string fn = t.text;
      if (fn == "attribute_exists" || fn == "attribute_not_exists") {
        n.kind = fn == "attribute_exists" ? ExprNode::Kind::attribute_exists : ExprNode::Kind::attribute_not_exists;
      } else if (fn == "begins_with" || fn == "contains") {
        n.kind = fn == "begins_with" ? ExprNode::Kind::begins_with : ExprNode::Kind::contains;
      } else {
        fail(t, "unknown or unsupported function '" + fn +
                    "'; use attribute_exists, attribute_not_exists, begins_with or contains");
      }
      next();
      next();  // (
      n.operands.push_back(path(fn));
      if (n.kind == ExprNode::Kind::begins_with || n.kind == ExprNode::Kind::contains) {
        expect(Token::Kind::comma, "',' and a second argument of " + fn + "()");
        n.operands.push_back(operand("a value"));
      }
      expect(Token::Kind::rparen, "')' closing " + fn + "(");
      return n;
    }
    n.operands.push_back(operand("a condition"));
    const Token& op = peek();
    if (op.kind == Token::Kind::comparator) {
      n.kind = ExprNode::Kind::compare;
      n.op = op.text;
      next();
      n.operands.push_back(operand("a value after '" + n.op + "'"));
    } else if (keyword("BETWEEN")) {
      n.kind = ExprNode::Kind::between;
      next();
      n.operands.push_back(operand("the low bound of BETWEEN"));
      if (!keyword("AND")) fail(peek(), "expected AND between the two bounds of BETWEEN");
      next();
      n.operands.push_back(operand("the high bound of BETWEEN"));
    } else if (keyword("IN")) {
      n.kind = ExprNode::Kind::in;
      next();
      expect(Token::Kind::lparen, "'(' and the values of IN");
      n.operands.push_back(operand("a value of IN"));
      while (peek().kind == Token::Kind::comma) {
        next();
        n.operands.push_back(operand("a value of IN"));
      }
      expect(Token::Kind::rparen, "')' closing the values of IN");
      if (n.operands.size() > 101) fail(t, "IN takes at most 100 values");
    } else {
      fail(op, "expected a comparison (= <> < <= > >=), BETWEEN or IN after '" + t.text + "', found " +
                   (op.kind == Token::Kind::end ? "the end of the expression" : "'" + op.text + "'"));
    }
    if (n.operands[0].kind != ExprOperand::Kind::attribute &&
        (n.kind != ExprNode::Kind::compare || n.operands[1].kind != ExprOperand::Kind::attribute))
      fail(t, std::string(to_string(n.kind)) + " needs an attribute name on its left");
    return n;
  }

  std::string_view text_;
  Location at_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

void collect(const ExprNode& n, std::vector<const ExprOperand*>& out) {
  for (const auto& o : n.operands) out.push_back(&o);
  for (const auto& c : n.children) collect(c, out);
}

}  // namespace

std::string_view to_string(ExprNode::Kind kind) {
  switch (kind) {
    case ExprNode::Kind::compare:
      return "a comparison";
    case ExprNode::Kind::between:
      return "BETWEEN";
    case ExprNode::Kind::in:
      return "IN";
    case ExprNode::Kind::attribute_exists:
      return "attribute_exists";
    case ExprNode::Kind::attribute_not_exists:
      return "attribute_not_exists";
    case ExprNode::Kind::begins_with:
      return "begins_with";
    case ExprNode::Kind::contains:
      return "contains";
    case ExprNode::Kind::and_:
      return "AND";
    case ExprNode::Kind::or_:
      return "OR";
    case ExprNode::Kind::not_:
      return "NOT";
  }
  return "";
}

std::optional<ExpressionError> parse_expression(std::string_view text, const Location& at, Expression& out) {
  out.text = std::string(text);
  out.location = at;
  out.root.reset();
  try {
    Parser p(text, at);
    out.root = p.parse();
  } catch (const Failure& f) {
    return f.error;
  }
  return std::nullopt;
}

std::vector<const ExprOperand*> Expression::operands() const {
  std::vector<const ExprOperand*> out;
  if (root) collect(*root, out);
  return out;
}

std::vector<const ExprOperand*> Expression::attributes() const {
  std::vector<const ExprOperand*> out;
  for (const ExprOperand* o : operands())
    if (o->kind == ExprOperand::Kind::attribute) out.push_back(o);
  return out;
}

std::vector<std::string> Expression::parameters() const {
  std::vector<std::string> out;
  for (const ExprOperand* o : operands())
    if (o->kind == ExprOperand::Kind::parameter && std::find(out.begin(), out.end(), o->text) == out.end())
      out.push_back(o->text);
  return out;
}

std::vector<std::pair<const ExprOperand*, const ExprOperand*>> comparisons(const ExprNode& node) {
  std::vector<std::pair<const ExprOperand*, const ExprOperand*>> out;
  const auto& ops = node.operands;
  switch (node.kind) {
    case ExprNode::Kind::compare:  // the attribute on the left, or else on the right
      if (ops[0].kind == ExprOperand::Kind::attribute)
        out.emplace_back(&ops[0], &ops[1]);
      else
        out.emplace_back(&ops[1], &ops[0]);
      break;
    case ExprNode::Kind::between:
    case ExprNode::Kind::in:
    case ExprNode::Kind::begins_with:
    case ExprNode::Kind::contains:
      for (std::size_t i = 1; i < ops.size(); ++i) out.emplace_back(&ops[0], &ops[i]);
      break;
    default:
      break;
  }
  return out;
}

}  // namespace dynamodel
