package org.jbec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jbec.scan.api.ArgType;
import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines packed as BEC's client packs a call. */
class ScanArgumentsTest {

    private static final ScanDescription LINE = new ScanDescription("line_scan", "LineScan", true, false,
            new java.util.LinkedHashMap<>(Map.of("device", ArgType.DEVICE, "start", ArgType.FLOAT)) {
                {
                    clear();
                    put("device", ArgType.DEVICE);
                    put("start", ArgType.FLOAT);
                    put("stop", ArgType.FLOAT);
                }
            }, 3, 1, null, List.of("steps", "relative"), "",
            List.of(ScanParameter.variadic("args", ScanParameter.Kind.VAR_POSITIONAL),
                    ScanParameter.requiredKeyword("steps", ArgType.INT),
                    ScanParameter.requiredKeyword("relative", ArgType.BOOL),
                    ScanParameter.keyword("exp_time", ArgType.FLOAT, 0)));

    @Test
    void bundlesKeywordsAndFlagsArePackedWithTheirTypes() {
        var packed = ScanArguments.pack(LINE, List.of("samx", "-5", "5", "samy", "0", "1e-1", "--steps", "20",
                "--exp_time", "0.1", "--relative"));
        assertEquals(Map.of("samx", List.of(-5.0, 5.0), "samy", List.of(0.0, 0.1)), packed.args());
        assertEquals(List.of("samx", "samy"), List.copyOf(((Map<?, ?>) packed.args()).keySet()), "call order kept");
        assertEquals(Map.of("steps", 20L, "exp_time", 0.1, "relative", true), packed.kwargs());
        assertEquals(false, ScanArguments.pack(LINE, List.of("samx", "0", "1", "--relative", "false", "--steps", "2"))
                .kwargs().get("relative"));
    }

    @Test
    void mistakesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScanArguments.pack(LINE,
                List.of("samx", "0", "--steps", "2"))).getMessage().contains("groups of 3 (device, start, stop), 2 given"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScanArguments.pack(LINE,
                List.of("samx", "0", "1", "--stepz", "2"))).getMessage().contains("has no argument --stepz"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScanArguments.pack(LINE,
                List.of("samx", "zero", "1"))).getMessage().contains("start must be a number, not 'zero'"));
    }

    @TempDir
    Path repo;

    @Test
    void mavenCoordinatesResolveInTheLocalRepository() throws Exception {
        Path jar = Files.createDirectories(repo.resolve("org/jbec/org.jbec.scan.standard/0.2.0"))
                .resolve("org.jbec.scan.standard-0.2.0.jar");
        Files.writeString(jar, "jar");
        String before = System.getProperty("maven.repo.local");
        System.setProperty("maven.repo.local", repo.toString());
        try {
            assertEquals(jar, AdminCommands.jar("org.jbec:org.jbec.scan.standard:0.2.0"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> AdminCommands.jar("org.jbec:nothing:1"))
                    .getMessage().contains("not in the local Maven repository"));
        } finally {
            if (before == null) {
                System.clearProperty("maven.repo.local");
            } else {
                System.setProperty("maven.repo.local", before);
            }
        }
    }
}
