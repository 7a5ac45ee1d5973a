using System.Collections.Concurrent;

namespace ManifestLint.CorpusGenerator;

/// <summary>
/// Writes files on a few background threads. Generation must stay single-threaded (one Random drives everything), but
/// creating tens of thousands of small files is bound by file-system latency, not CPU, so overlapping the writes with
/// generation and with each other is what keeps N=10,000 at a few seconds. Write order does not affect file contents.
/// </summary>
internal sealed class FileSink : IDisposable
{
    private const int WriterCount = 8;
    private readonly BlockingCollection<(string Path, byte[] Content)> _queue = new(boundedCapacity: 4096);
    private readonly HashSet<string> _createdDirectories = new(StringComparer.Ordinal);
    private readonly Task[] _writers;

    public FileSink()
    {
        _writers = new Task[WriterCount];
        for (var i = 0; i < WriterCount; i++)
        {
            _writers[i] = Task.Factory.StartNew(Drain, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    public void Write(string path, byte[] content)
    {
        // Directories are created here, in order, so that no writer can race ahead of its folder.
        var directory = Path.GetDirectoryName(path)!;
        if (_createdDirectories.Add(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _queue.Add((path, content));
    }

    /// <summary>Waits for every queued file to be written; rethrows the first write failure.</summary>
    public void Complete()
    {
        _queue.CompleteAdding();
        try
        {
            Task.WaitAll(_writers);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    private void Drain()
    {
        foreach (var (path, content) in _queue.GetConsumingEnumerable())
        {
            File.WriteAllBytes(path, content);
        }
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            // Reached only when generation failed: stop the writers without masking the original exception.
            _queue.CompleteAdding();
            try
            {
                Task.WaitAll(_writers);
            }
            catch (AggregateException)
            {
            }
        }

        _queue.Dispose();
    }
}
