// Least-squares fit of cost = a x size^k on log-log axes: the exponent k a scaling series reports
// (`ascendsim bench`, issue 17: cold step CPU time against chips).
#pragma once
#include <vector>

namespace ascendsim {

// k of the fit through (size[i], cost[i]); sizes and costs must be positive and at least two
// sizes distinct, else std::invalid_argument.
double fitted_power_exponent(const std::vector<double>& size, const std::vector<double>& cost);

}  // namespace ascendsim
