package org.jbec.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScriptStatementsTest {

    @Test
    void oneStatementPerLineSkippingCommentsAndBlanks() {
        assertEquals(List.of(new ScriptStatements.Statement(2, "status"), new ScriptStatements.Statement(4, "wm samx")),
                ScriptStatements.split("# a script\nstatus\n\n   wm samx  \n"));
    }

    @Test
    void bracesContinueAStatement() {
        List<ScriptStatements.Statement> s = ScriptStatements.split("each [1 2] {\n  echo $it\n}\necho done\n");
        assertEquals(2, s.size());
        assertEquals(1, s.get(0).line());
        assertEquals("each [1 2] {\n  echo $it\n}", s.get(0).text());
        assertEquals(new ScriptStatements.Statement(4, "echo done"), s.get(1));
    }

    @Test
    void bracesInsideQuotesDoNotCount() {
        assertEquals(2, ScriptStatements.split("echo '{'\necho \"}\"\n").size());
    }

    @Test
    void anUnclosedBlockIsStillOneStatement() {
        assertEquals(List.of(new ScriptStatements.Statement(1, "each [1] {\necho x")),
                ScriptStatements.split("each [1] {\necho x\n"));
    }
}
