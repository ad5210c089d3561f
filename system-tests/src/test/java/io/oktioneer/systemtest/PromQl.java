package io.oktioneer.systemtest;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading for the checks: the metric names an expression selects, the signal of an alert
 * ({@code <signal> > <threshold>}), and Grafana's variables replaced by values Prometheus accepts.
 */
final class PromQl {

    /** Values for Grafana's built-in variables when a panel query is sent straight to Prometheus. */
    static final Map<String, String> GRAFANA_BUILTINS = Map.of(
            "$__rate_interval", "1m",
            "$__interval", "15s",
            "$__range", "10m");

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan",
            "atan2");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*([a-zA-Z_]\\w*)\\s*\\)\\s*$",
            Pattern.DOTALL);
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");

    private PromQl() {
    }

    /**
     * Replaces Grafana's built-in variables and the dashboard's template variables ({@code $name}, {@code ${name}})
     * by the given values; fails on a variable it does not know, so no query reaches Prometheus half-resolved.
     */
    static String resolve(String expr, Map<String, String> templateValues) {
        String resolved = expr;
        for (Map.Entry<String, String> builtin : GRAFANA_BUILTINS.entrySet()) {
            resolved = resolved.replace(builtin.getKey(), builtin.getValue());
        }
        Matcher matcher = GRAFANA_VARIABLE.matcher(resolved);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = templateValues.get(name);
            if (value == null) {
                throw new IllegalArgumentException("unknown Grafana variable $" + name + " in " + expr);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A template variable query {@code label_values(expr, label)}: the expression and the label, or null. */
    static String[] labelValues(String query) {
        Matcher matcher = LABEL_VALUES.matcher(query);
        return matcher.matches() ? new String[] {matcher.group(1).trim(), matcher.group(2)} : null;
    }

    /** The metric names an expression selects, in order of appearance. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '{') {
                i = skipGroup(expr, i, '{', '}');
            } else if (c == '[') {
                i = skipGroup(expr, i, '[', ']');
            } else if (c == '#') {
                while (i < n && expr.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                i = skipNumber(expr, i);
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_'
                        || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                boolean call = next < n && expr.charAt(next) == '(';
                String lower = word.toLowerCase();
                if (LABEL_LIST_KEYWORDS.contains(lower)) {
                    if (call) {
                        i = skipGroup(expr, next, '(', ')');
                    }
                } else if (lower.equals("offset")) {
                    i = skipDuration(expr, next);
                } else if (!call && !AGGREGATIONS.contains(lower) && !KEYWORDS.contains(lower)) {
                    names.add(word);
                }
            } else {
                i++;
            }
        }
        return names;
    }

    /**
     * The part of an alert expression before its top-level comparison with a number ({@code signal > 0.1}): what
     * must return data for the alert to watch anything. Fails when the expression has no such comparison.
     */
    static String signal(String expr) {
        int depth = 0;
        int split = -1;
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
                continue;
            }
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (depth == 0 && (c == '>' || c == '<' || ((c == '=' || c == '!')
                    && i + 1 < expr.length() && expr.charAt(i + 1) == '='))) {
                split = i;
                i += (i + 1 < expr.length() && expr.charAt(i + 1) == '=') ? 2 : 1;
                continue;
            }
            i++;
        }
        if (split < 0) {
            throw new IllegalArgumentException("no top-level comparison in alert expression: " + expr);
        }
        String threshold = expr.substring(split).replaceFirst("^(==|!=|>=|<=|>|<)", "").trim()
                .replaceFirst("^bool\\s+", "");
        if (!threshold.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            throw new IllegalArgumentException("alert expression must compare with a number: " + expr);
        }
        return expr.substring(0, split).trim();
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        i++;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipGroup(String s, int i, char open, char close) {
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(s, i);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static int skipNumber(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean exponentSign = (c == '+' || c == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E');
            if (!(Character.isLetterOrDigit(c) || c == '.' || exponentSign)) {
                break;
            }
            i++;
        }
        return i;
    }

    private static int skipDuration(String s, int i) {
        while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
