package io.preset.teams.scim;

import io.preset.teams.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScimFailuresTest {

    @Test
    void theClientGetsACorrelationIdAndTheLogGetsItWithTheStackTrace() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ScimFailures.class.getName());
        logger.addHandler(capture);
        try {
            IllegalStateException cause = new IllegalStateException("SELECT secret FROM x where pst_abc");
            ScimException e = ScimFailures.internal(cause, "SCIM request of team acme");
            assertEquals(500, e.status());
            assertNull(e.scimType());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
            String id = e.getMessage().substring(e.getMessage().lastIndexOf(' ') + 1);
            assertEquals(36, id.length(), e.getMessage());

            assertEquals(1, records.size());
            LogRecord logged = records.get(0);
            assertTrue(logged.getLevel().intValue() >= Level.SEVERE.intValue(), logged.getLevel().getName());
            assertSame(cause, logged.getThrown());
            String message = logged.getParameters() == null ? logged.getMessage()
                    : String.format(logged.getMessage(), logged.getParameters());
            assertTrue(message.contains(id), message);

            assertNotEquals(id, ScimFailures.internal(cause, "again").getMessage().substring(e.getMessage().lastIndexOf(' ') + 1));
        } finally {
            logger.removeHandler(capture);
        }
    }
}
