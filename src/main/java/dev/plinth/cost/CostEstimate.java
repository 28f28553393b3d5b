package dev.plinth.cost;

import java.math.BigDecimal;
import java.util.List;

/**
 * An environment's estimated monthly cost, in USD, line by line. Usage-based charges are not in it;
 * {@code basis} says what the prices are.
 */
public record CostEstimate(String currency, BigDecimal monthly, List<Line> lines, String basis) {

    /** @param note how the line was worked out, or why it has no price */
    public record Line(String item, int quantity, BigDecimal monthly, String note) {}
}
