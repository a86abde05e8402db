package dev.parley.friendship;

import org.junit.jupiter.api.Test;

import dev.parley.testing.LayerRules;

class ArchitectureTest {

    @Test
    void layersFollowTheServiceSkeleton() {
        LayerRules.check("dev.parley.friendship");
    }
}
