package org.jbec.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {

    @Test
    void defaultsToTheInteractiveShellWithDemoConfig() {
        LaunchOptions o = LaunchOptions.parse();
        assertEquals(LaunchOptions.Command.SHELL, o.command());
        assertEquals("config/servers.yaml", o.config());
        assertEquals("config/demo.yaml", o.devices());
    }

    @Test
    void optionsGoAnywhere() {
        LaunchOptions o = LaunchOptions.parse("run", "s.gogo", "--config", "c.yaml", "--devices=d.yaml");
        assertEquals(LaunchOptions.Command.RUN, o.command());
        assertEquals("s.gogo", o.script());
        assertEquals("c.yaml", o.config());
        assertEquals("d.yaml", o.devices());
        assertEquals(java.util.List.of("--config", "c.yaml", "--devices", "d.yaml", "__daemon"), o.daemonArgs());
    }

    @Test
    void mistakesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("strat"))
                .getMessage().contains("'strat'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("run"))
                .getMessage().contains("script"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--config"))
                .getMessage().contains("--config"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--verbose"))
                .getMessage().contains("--verbose"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("start", "now"));
    }

    @Test
    void deployTakesAnActionAFileAndAHost(@TempDir Path home) {
        JbecHome h = new JbecHome(home);
        LaunchOptions plan = LaunchOptions.parse("deploy", "plan", "--host", "bl-ds", "d.yaml");
        assertEquals(LaunchOptions.Command.DEPLOY, plan.command());
        assertEquals("jbec:deploy_plan --host 'bl-ds' '" + home.resolve("d.yaml") + "'", plan.deploy().statement(h));
        assertEquals("jbec:deploy_status", LaunchOptions.parse("deploy", "status").deploy().statement(h).replaceAll(
                " --host '[^']*'", ""));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("deploy", "status", "d.yaml"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("deploy", "undo"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("deploy", "apply", "a.yaml", "b.yaml"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("start", "--host", "bl-ds"));
    }

    @Test
    void relativeFilesAreFoundInTheWorkingFolderElseInTheHome(@TempDir Path home) throws Exception {
        JbecHome h = new JbecHome(home);
        assertEquals(home.resolve("config/servers.yaml"), LaunchOptions.parse().configPath(h));
        Path here = Files.createTempFile(Path.of("").toAbsolutePath(), "servers", ".yaml");
        try {
            assertEquals(here, LaunchOptions.parse("--config", here.getFileName().toString()).configPath(h));
        } finally {
            Files.delete(here);
        }
    }
}
