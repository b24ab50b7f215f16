using Microsoft.EntityFrameworkCore;

namespace VapiAgents.Infrastructure.Persistence.Providers;

public sealed class SqliteApplicationDbContext(DbContextOptions<SqliteApplicationDbContext> options)
    : ApplicationDbContext(options);
