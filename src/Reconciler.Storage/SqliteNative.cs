using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace Reconciler.Storage;

/// <summary>
/// SQLite's binding calls, made on a statement's native handle directly, for the bulk paths that bind millions of values.
/// Through <see cref="raw"/> each call takes and releases the statement's <see cref="SafeHandle"/> and goes through the
/// provider's interface: in a profile of a 100k import those calls took 11% of its samples, 9 points of it taking and
/// releasing the handle. The library is the one Microsoft.Data.Sqlite loads
/// (<c>e_sqlite3</c>, from the application's own native assets), so the handle is that library's. A caller keeps the
/// <see cref="sqlite3_stmt"/> alive (and undisposed) while it binds through its handle.
/// </summary>
internal static partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLite copies the value before the call returns (<c>SQLITE_TRANSIENT</c>).</summary>
    private static readonly IntPtr Transient = new(-1);

    /// <summary>The native handle of <paramref name="statement"/>, for the calls below.</summary>
    public static IntPtr Handle(sqlite3_stmt statement) => statement.DangerousGetHandle();

    public static int BindInt64(IntPtr statement, int index, long value) => sqlite3_bind_int64(statement, index, value);

    public static int BindDouble(IntPtr statement, int index, double value) => sqlite3_bind_double(statement, index, value);

    public static int BindNull(IntPtr statement, int index) => sqlite3_bind_null(statement, index);

    /// <summary>Binds UTF-8 text, copied by SQLite; an empty span is bound as empty text, not as NULL.</summary>
    public static int BindText(IntPtr statement, int index, ReadOnlySpan<byte> utf8)
    {
        byte empty = 0;
        ref var first = ref utf8.Length == 0 ? ref empty : ref MemoryMarshal.GetReference(utf8);
        return sqlite3_bind_text(statement, index, ref first, utf8.Length, Transient);
    }

    /// <summary>Binds bytes, copied by SQLite; an empty span is bound as an empty blob, not as NULL.</summary>
    public static int BindBlob(IntPtr statement, int index, ReadOnlySpan<byte> bytes) => bytes.Length == 0
            ? sqlite3_bind_zeroblob(statement, index, 0)
            : sqlite3_bind_blob(statement, index, ref MemoryMarshal.GetReference(bytes), bytes.Length, Transient);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_int64(IntPtr statement, int index, long value);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_double(IntPtr statement, int index, double value);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_null(IntPtr statement, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_text(IntPtr statement, int index, ref byte text, int bytes, IntPtr destructor);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_blob(IntPtr statement, int index, ref byte value, int bytes, IntPtr destructor);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_zeroblob(IntPtr statement, int index, int bytes);
}
