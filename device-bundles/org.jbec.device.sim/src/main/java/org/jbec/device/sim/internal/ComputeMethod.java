package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * BEC's ComputedSignal {@code compute_method}: the source of one Python function whose body is a
 * single {@code return} of an arithmetic expression over its parameters' {@code .get()} values.
 * It is parsed into an expression tree and evaluated here; no code is ever executed, so a session
 * file cannot run anything but arithmetic (+ - * / % **, parentheses, abs/min/max and math's
 * sqrt/exp/log/log10/sin/cos/tan/floor/ceil, with or without a {@code math.} or {@code np.} prefix).
 */
final class ComputeMethod {

    /** An evaluable expression over the parameters' values. */
    interface Expr {
        double eval(double[] args);
    }

    private static final Map<String, DoubleUnaryOperator> FUNCTIONS = Map.of("sqrt", Math::sqrt, "exp", Math::exp,
            "log", Math::log, "log10", Math::log10, "sin", Math::sin, "cos", Math::cos, "tan", Math::tan,
            "floor", Math::floor, "ceil", Math::ceil, "abs", Math::abs);

    private final List<String> parameters;
    private final Expr body;

    private ComputeMethod(List<String> parameters, Expr body) {
        this.parameters = parameters;
        this.body = body;
    }

    List<String> parameters() {
        return parameters;
    }

    double evaluate(double[] args) {
        return body.eval(args);
    }

    /** @throws IllegalArgumentException saying what is not supported and where */
    static ComputeMethod parse(String source) {
        List<String> lines = source.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (lines.size() != 2 || !lines.get(0).startsWith("def ") || !lines.get(0).endsWith(":")
                || !lines.get(1).startsWith("return ")) {
            throw new IllegalArgumentException("compute_method must be 'def name(args):' followed by one "
                    + "'return <expression>' line");
        }
        String header = lines.get(0);
        int open = header.indexOf('(');
        int close = header.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("compute_method: cannot read the parameters of '" + header + "'");
        }
        List<String> params = new ArrayList<>();
        for (String p : header.substring(open + 1, close).split(",")) {
            String name = p.strip();
            if (!name.isEmpty()) {
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("compute_method: parameter '" + name + "' is not a name");
                }
                params.add(name);
            }
        }
        Parser parser = new Parser(lines.get(1).substring("return ".length()), params);
        Expr expr = parser.expression();
        parser.end();
        return new ComputeMethod(List.copyOf(params), expr);
    }

    /** Recursive descent over Python's arithmetic precedence. */
    private static final class Parser {
        private final String text;
        private final List<String> params;
        private int pos;

        Parser(String text, List<String> params) {
            this.text = text;
            this.params = params;
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("compute_method: " + message + " at column " + (pos + 1) + " of '"
                    + text + "'");
        }

        private void skip() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        private boolean eat(String token) {
            skip();
            if (text.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        void end() {
            skip();
            if (pos != text.length()) {
                throw error("unexpected '" + text.substring(pos) + "'");
            }
        }

        Expr expression() {
            Expr left = term();
            while (true) {
                if (eat("+")) {
                    Expr l = left;
                    Expr r = term();
                    left = a -> l.eval(a) + r.eval(a);
                } else if (eat("-")) {
                    Expr l = left;
                    Expr r = term();
                    left = a -> l.eval(a) - r.eval(a);
                } else {
                    return left;
                }
            }
        }

        private Expr term() {
            Expr left = unary();
            while (true) {
                skip();
                if (text.startsWith("**", pos)) {
                    return left; // handled in power()
                }
                if (eat("*")) {
                    Expr l = left;
                    Expr r = unary();
                    left = a -> l.eval(a) * r.eval(a);
                } else if (eat("/")) {
                    Expr l = left;
                    Expr r = unary();
                    left = a -> l.eval(a) / r.eval(a);
                } else if (eat("%")) {
                    Expr l = left;
                    Expr r = unary();
                    left = a -> {
                        double m = l.eval(a) % r.eval(a);
                        return m != 0 && (m < 0) != (r.eval(a) < 0) ? m + r.eval(a) : m; // Python's sign rule
                    };
                } else {
                    return left;
                }
            }
        }

        private Expr unary() {
            if (eat("-")) {
                Expr e = unary();
                return a -> -e.eval(a);
            }
            if (eat("+")) {
                return unary();
            }
            return power();
        }

        private Expr power() {
            Expr base = atom();
            if (eat("**")) {
                Expr exponent = unary(); // right-associative, binds tighter than unary minus on its left
                return a -> Math.pow(base.eval(a), exponent.eval(a));
            }
            return base;
        }

        private Expr atom() {
            skip();
            if (eat("(")) {
                Expr e = expression();
                if (!eat(")")) {
                    throw error("missing ')'");
                }
                return e;
            }
            int start = pos;
            if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || ".eE".indexOf(text.charAt(pos)) >= 0
                        || ((text.charAt(pos) == '-' || text.charAt(pos) == '+') && "eE".indexOf(text.charAt(pos - 1)) >= 0))) {
                    pos++;
                }
                double value;
                try {
                    value = Double.parseDouble(text.substring(start, pos));
                } catch (NumberFormatException e) {
                    throw error("'" + text.substring(start, pos) + "' is not a number");
                }
                return a -> value;
            }
            String name = name();
            if (name.isEmpty()) {
                throw error("expected a number, a parameter or a function");
            }
            if (name.equals("math") || name.equals("np") || name.equals("numpy")) {
                if (!eat(".")) {
                    throw error("expected '.' after " + name);
                }
                name = name();
            }
            int param = params.indexOf(name);
            if (param >= 0) {
                if (!eat(".get") || !eat("(") || !eat(")")) {
                    throw error("use " + name + ".get() for the value of parameter " + name);
                }
                return a -> a[param];
            }
            return call(name.toLowerCase(Locale.ROOT));
        }

        private Expr call(String function) {
            if (!eat("(")) {
                throw error("'" + function + "' is neither a parameter nor a function call");
            }
            List<Expr> args = new ArrayList<>();
            if (!eat(")")) {
                do {
                    args.add(expression());
                } while (eat(","));
                if (!eat(")")) {
                    throw error("missing ')' after the arguments of " + function);
                }
            }
            if (function.equals("min") || function.equals("max")) {
                if (args.isEmpty()) {
                    throw error(function + "() needs arguments");
                }
                boolean min = function.equals("min");
                return a -> {
                    double best = args.get(0).eval(a);
                    for (Expr e : args.subList(1, args.size())) {
                        best = min ? Math.min(best, e.eval(a)) : Math.max(best, e.eval(a));
                    }
                    return best;
                };
            }
            DoubleUnaryOperator f = FUNCTIONS.get(function);
            if (f == null) {
                throw error("function '" + function + "' is not allowed (allowed: abs, min, max, "
                        + String.join(", ", FUNCTIONS.keySet().stream().sorted().toList()) + ")");
            }
            if (args.size() != 1) {
                throw error(function + "() takes one argument");
            }
            Expr arg = args.get(0);
            return a -> f.applyAsDouble(arg.eval(a));
        }

        private String name() {
            skip();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return text.substring(start, pos);
        }
    }
}
