package org.jbec.launcher.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Gogo script into statements, one per line except where braces, brackets, parentheses or
 * quotes continue onto the next line, so that each statement's result can be printed and a failure
 * named by its line. Blank lines and {@code #} comments are skipped.
 */
final class ScriptStatements {

    /** A statement and the line it starts on (1-based). */
    record Statement(int line, String text) {
    }

    private ScriptStatements() {
    }

    static List<Statement> split(String script) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int startLine = 0;
        int depth = 0;
        char quote = 0;
        String[] lines = script.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (current.length() == 0) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                startLine = i + 1;
            } else {
                current.append('\n');
            }
            current.append(line);
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (quote != 0) {
                    if (ch == '\\') {
                        c++;
                    } else if (ch == quote) {
                        quote = 0;
                    }
                } else if (ch == '"' || ch == '\'') {
                    quote = ch;
                } else if (ch == '{' || ch == '[' || ch == '(') {
                    depth++;
                } else if (ch == '}' || ch == ']' || ch == ')') {
                    depth--;
                }
            }
            if (depth <= 0 && quote == 0) {
                statements.add(new Statement(startLine, current.toString().strip()));
                current.setLength(0);
                depth = 0;
            }
        }
        if (current.length() > 0) {
            statements.add(new Statement(startLine, current.toString().strip()));
        }
        return statements;
    }
}
