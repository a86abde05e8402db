package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The benchmark times PostgreSQL on the statements chat-service sends: its copies of SearchRepository's SQL (which it
 * cannot import without chat-service's whole runtime) must say what SearchRepository says, parameters aside.
 */
class DirectSearchTest {

    private static final Path REPOSITORY = Path.of("..", "chat-service", "src", "main", "java", "dev", "parley",
            "chat", "repository", "SearchRepository.java");

    @Test
    void theSearchStatementsAreChatServicesOwn() throws IOException {
        String source = Files.readString(REPOSITORY);

        assertThat(normalized(DirectSearch.PLANNING)).isEqualTo(normalized(textBlock(source, "PLANNING")));
        assertThat(normalized(DirectSearch.FIND)).isEqualTo(normalized(textBlock(source, "FIND")));
        assertThat(normalized(DirectSearch.EVERYWHERE)).isEqualTo(normalized(textBlock(source, "EVERYWHERE")));
        assertThat(normalized(DirectSearch.IN_ONE)).isEqualTo(normalized(textBlock(source, "IN_ONE")));
    }

    private static String textBlock(String source, String name) {
        Matcher block = Pattern.compile(name + " = \"\"\"\\s*\\n(.*?)\"\"\";", Pattern.DOTALL).matcher(source);
        assertThat(block.find()).as("SearchRepository.%s", name).isTrue();
        return block.group(1);
    }

    // The reactive client numbers its parameters, JDBC does not: both become one placeholder.
    private static String normalized(String sql) {
        return sql.replaceAll("\\$\\d+", "?").replaceAll("\\s+", " ").trim();
    }
}
