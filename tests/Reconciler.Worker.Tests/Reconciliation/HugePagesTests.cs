using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Tests.Reconciliation;

public class HugePagesTests
{
    [Fact]
    public void LargeAnonymousMappings_OnlyLargeAnonymousPrivateReadWriteOnes()
    {
        string[] maps =
        [
            "55d0c0a00000-55d0c0a21000 r--p 00000000 fd:01 1311 /usr/share/dotnet/dotnet",
            "55d0c1000000-55d0c5000000 rw-p 00000000 00:00 0                          [heap]",
            "7fb7ec021000-7fb7f0000000 ---p 00000000 00:00 0 ",
            "7fb7f3e00000-7fb7f4600000 rw-p 00000000 00:00 0 ",
            "7fb817c00000-7fb88e6a6000 rw-p 00000000 00:00 0 ",
            "7fb88ec00000-7fb905a95000 rw-s 00000000 00:01 77 /memfd:doublemapper (deleted)",
            "7fb905a95000-7fb985a95000 rw-p 00000000 00:00 0    [anon:named]",
            "7fc000000000-7fc004000000 rw-p 00000000 00:00 0",
            "not a maps line",
            "7fc010000000-7fc000000000 rw-p 00000000 00:00 0",
        ];

        var found = HugePages.LargeAnonymousMappings(maps, 32L << 20).ToList();

        Assert.Equal(
            [(0x7fb817c00000UL, 0x7fb88e6a6000UL - 0x7fb817c00000UL), (0x7fc000000000UL, 64UL << 20)],
            found);
    }
}
