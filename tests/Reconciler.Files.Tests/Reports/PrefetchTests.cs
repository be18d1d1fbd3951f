namespace Reconciler.Files.Tests;

public sealed class PrefetchTests
{
    [Fact]
    public void Ahead_ManyMoreItemsThanTheBuffer_AllInOrder()
    {
        // Act
        var items = Prefetch.Ahead(Enumerable.Range(0, 10_000), capacity: 16).ToList();

        // Assert
        Assert.Equal(Enumerable.Range(0, 10_000), items);
    }

    [Fact]
    public void Ahead_SourceFails_TheReaderGetsItsExceptionAfterTheItemsBefore()
    {
        // Arrange
        static IEnumerable<int> Failing()
        {
            yield return 1;
            yield return 2;
            throw new InvalidOperationException("database gone");
        }

        var read = new List<int>();

        // Act
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var item in Prefetch.Ahead(Failing(), capacity: 4))
            {
                read.Add(item);
            }
        });

        // Assert
        Assert.Equal("database gone", error.Message);
        Assert.Equal([1, 2], read);
    }

    [Fact]
    public void Ahead_ReaderStopsEarly_TheSourceIsDisposed()
    {
        // Arrange
        var disposed = new TaskCompletionSource();
        IEnumerable<int> Endless()
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    yield return i;
                }
            }
            finally
            {
                disposed.SetResult();
            }
        }

        // Act
        var first = Prefetch.Ahead(Endless(), capacity: 8).Take(3).ToList();

        // Assert
        Assert.Equal([0, 1, 2], first);
        Assert.True(disposed.Task.IsCompleted);
    }
}
