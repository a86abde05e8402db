package dev.parley.e2e.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.parley.e2e.support.Product.Service;

/** Reads the product's database directly, as the service's own role, to check what was really stored. */
public final class Database {

    private Database() {
    }

    /** A single number, e.g. a count. */
    public static long number(Service owner, String sql, Object... parameters) {
        List<Long> rows = numbers(owner, sql, parameters);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row from " + sql + ", got " + rows.size());
        }
        return rows.get(0);
    }

    /** The first column of every row, as numbers. */
    public static List<Long> numbers(Service owner, String sql, Object... parameters) {
        return query(owner, sql, parameters, rows -> rows.getLong(1));
    }

    /** The first column of every row, as text. */
    public static List<String> texts(Service owner, String sql, Object... parameters) {
        return query(owner, sql, parameters, rows -> rows.getString(1));
    }

    /** Runs a statement that changes data (seeding what would take too long through the API); the rows changed. */
    public static int execute(Service owner, String sql, Object... parameters) {
        try (Connection connection = connect(owner); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + ": " + e.getMessage(), e);
        }
    }

    private interface Column<T> {

        T read(ResultSet rows) throws SQLException;
    }

    private static <T> List<T> query(Service owner, String sql, Object[] parameters, Column<T> column) {
        try (Connection connection = connect(owner); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<T> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(column.read(rows));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Service owner) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", owner.role());
        properties.setProperty("password", owner.role());
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(
                "jdbc:postgresql://" + Postgres.HOST + ":" + Postgres.PORT + "/" + Product.DATABASE, properties);
    }
}
