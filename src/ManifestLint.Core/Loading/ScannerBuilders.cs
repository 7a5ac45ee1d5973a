using System.Reflection;
using System.Text;
using YamlDotNet.Core;

namespace ManifestLint.Core.Loading;

/// <summary>
/// Gives every thread its own StringBuilders for YamlDotNet's scanner, so that threads parsing different files share
/// nothing. This is the one place where ManifestLint reaches into YamlDotNet's internals (README "Performance").
/// </summary>
/// <remarks>
/// <para>
/// What it removes: YamlDotNet 18.1.0's scanner rents a StringBuilder from one process-wide pool
/// (<c>YamlDotNet.Core.ObjectPool.StringBuilderPool</c>, a <c>DefaultObjectPool&lt;StringBuilder&gt;</c> holding
/// 2 × the core count) for every token that carries text, up to four for one plain scalar: 20.2 million rents for the
/// 8.2 million events of the 10,000-app corpus. Each rent and each return is an interlocked exchange on the same
/// field (<c>fastItem</c>), falling back to a shared ConcurrentQueue and counter, so two threads parsing at once pass
/// those cache lines between the cores on almost every token, and the pool, emptied by one thread, runs dry for the
/// other: on one thread the run makes 4 builders, on two 6.1 million (0.8 GB more garbage). Parsing those files, read
/// beforehand, took 3.0 s on one thread and 2.5 s on two; with builders per thread it takes 1.7 s on two (README
/// "Performance", "What serialised the parse").
/// </para>
/// <para>
/// How: the pool object keeps its policy's create and return functions in two fields. They are replaced, once, by
/// functions that keep the builders in a small stack per thread and tell the pool to keep nothing. The pool's own code
/// then never writes its shared fields: its fast slot stays empty, and a miss only reads its (empty) queue. The
/// policy's own functions still make and clear the builders (16 characters to start, none kept above 1,024), so the
/// scanner gets the same empty builders as before and produces the same events and positions; only where they are
/// kept changes.
/// </para>
/// <para>
/// If a YamlDotNet upgrade changes these internals, nothing is replaced and parsing works exactly as YamlDotNet ships
/// it, only slower on several threads; <see cref="IsPerThread"/> is then false, which a unit test checks, so the
/// upgrade has to look at this class again.
/// </para>
/// </remarks>
public static class ScannerBuilders
{
    /// <summary>The most builders the scanner holds at once (ScanPlainScalar and ScanFlowScalar rent four), with room to spare.</summary>
    private const int KeptPerThread = 8;

    [ThreadStatic]
    private static StringBuilder?[]? t_kept;

    [ThreadStatic]
    private static int t_keptCount;

    /// <summary>Whether YamlDotNet's scanner now takes its builders from a store per thread (set up on first use of this class).</summary>
    public static bool IsPerThread { get; }

    // An explicit static constructor, so that the functions are replaced when this class is first used and never
    // earlier: the benchmark's floor that parses with YamlDotNet as shipped must not get them by a JIT's eager choice.
    static ScannerBuilders() => IsPerThread = TryMakePerThread();

    /// <summary>Sets the store per thread up, if it is not yet; cheap to call before every parse.</summary>
    public static void EnsurePerThread() => _ = IsPerThread;

    private static bool TryMakePerThread()
    {
        try
        {
            var pool = typeof(Parser).Assembly.GetType("YamlDotNet.Core.ObjectPool.StringBuilderPool")
                ?.GetField("Pool", BindingFlags.Static | BindingFlags.NonPublic)?.GetValue(null);
            var poolType = pool?.GetType();
            if (poolType is not { IsGenericType: true } || poolType.GetGenericTypeDefinition().Name != "DefaultObjectPool`1" ||
                poolType.GetField("createFunc", BindingFlags.Instance | BindingFlags.NonPublic) is not { } createField ||
                poolType.GetField("returnFunc", BindingFlags.Instance | BindingFlags.NonPublic) is not { } returnField ||
                createField.GetValue(pool) is not Func<StringBuilder> create ||
                returnField.GetValue(pool) is not Func<StringBuilder, bool> clearAndKeep)
            {
                return false;
            }

            returnField.SetValue(pool, new Func<StringBuilder, bool>(builder =>
            {
                if (clearAndKeep(builder))
                {
                    var kept = t_kept ??= new StringBuilder?[KeptPerThread];
                    if (t_keptCount < kept.Length)
                    {
                        kept[t_keptCount++] = builder;
                    }
                }

                return false; // never into the shared pool
            }));
            createField.SetValue(pool, new Func<StringBuilder>(() =>
            {
                if (t_keptCount == 0)
                {
                    return create();
                }

                var kept = t_kept!;
                var builder = kept[--t_keptCount]!;
                kept[t_keptCount] = null;
                return builder;
            }));
            return true;
        }
        catch (Exception ex) when (ex is MemberAccessException or TargetException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
