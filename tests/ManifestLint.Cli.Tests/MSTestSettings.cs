// In-process CLI runs touch no shared state (each gets its own console, directory and environment), so tests
// run in parallel; the package test spends its time in child processes.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]
