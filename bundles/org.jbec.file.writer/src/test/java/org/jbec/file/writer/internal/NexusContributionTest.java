package org.jbec.file.writer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jbec.file.api.NexusContribution;
import org.jbec.file.api.ScanFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins add groups under /entry; ones that break or claim the layout's groups are skipped. */
class NexusContributionTest {

    @TempDir
    Path dir;

    private static NexusContribution contribution(String group, Map<String, Object> content, boolean fails) {
        return new NexusContribution() {
            @Override
            public String group() {
                return group;
            }

            @Override
            public String nxClass() {
                return "NXcollection";
            }

            @Override
            public Map<String, Object> content(ScanFile scan) {
                if (fails) {
                    throw new IllegalStateException("broken plugin");
                }
                return content;
            }
        };
    }

    @Test
    void aPluginsGroupIsWrittenAndBadOnesAreSkipped() throws Exception {
        NexusFormat format = new NexusFormat();
        format.addContribution(contribution("optics", Map.of("energy", 8.0, "crystal", "Si(111)",
                "slit", Map.of("gap", 2.0)), false));
        format.addContribution(contribution("data", Map.of("x", 1.0), false));
        format.addContribution(contribution("broken", Map.of(), true));
        ScanFile scan = new ScanFile("s-1", 1, 1, "acquire", "closed", null, 0, 1, 0, 0, 0, List.of(), Map.of(),
                Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), "test", dir);
        Path file = dir.resolve("S00001_master.h5");
        format.write(scan, file);
        H5Tree h5 = H5Tree.read(file);
        assertEquals("NXcollection", h5.attr("/entry/optics", "NX_class"));
        assertEquals(8.0, ((Number) h5.value("/entry/optics/energy")).doubleValue());
        assertEquals("Si(111)", h5.value("/entry/optics/crystal"));
        assertEquals(2.0, ((Number) h5.value("/entry/optics/slit/gap")).doubleValue());
        assertFalse(h5.has("/entry/data/x"), "the layout's NXdata is not a plugin's to fill");
        assertFalse(h5.has("/entry/broken"));
    }
}
