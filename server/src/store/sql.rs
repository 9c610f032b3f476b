//! One thin SQL layer over both engines, so each query is written once.
//!
//! `Conn` is a connection handle that is either SQLite (rusqlite) or
//! PostgreSQL (the synchronous `postgres` client, from an r2d2 pool): enum
//! dispatch, so nothing generic spreads through the store or the engine.
//! Parameters are `Value`s (`params!`, `named_params!`, or an array); rows
//! are read with `Row::get`, which converts by what the engine gave (an
//! `EXISTS` is a bool on PostgreSQL and an integer on SQLite; both read as
//! either). SQL is written with SQLite's `?N` (and `:name`) placeholders; for
//! PostgreSQL they are rewritten to `$N` once per SQL text and cached.
//!
//! The PostgreSQL client blocks (it drives a small runtime of its own), so it
//! must never run on an async worker: the engine calls it from the blocking
//! pools (`backend/pool.rs` marks those threads with `blocking`); anywhere
//! else inside a runtime (tests, start-up) each call hops to a scoped thread.

use super::StoreError;
use postgres::types::{IsNull, ToSql, Type};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, MutexGuard, RwLock};

pub type SqlResult<T> = Result<T, SqlError>;

#[derive(Debug, thiserror::Error)]
pub enum SqlError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("postgres: {}", pg_message(.0))]
    Postgres(#[from] postgres::Error),
    #[error("postgres pool: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("the query returned no row")]
    NoRows,
    #[error("column {column}: {problem}")]
    Column { column: usize, problem: String },
    #[error("a database thread stopped")]
    Thread,
}

/// The server's own words when it refused (`postgres::Error` shows only "db error").
fn pg_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.code().code(), db.message()),
        None => e.to_string(),
    }
}

impl SqlError {
    /// A UNIQUE (or primary key) constraint refused the write.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            SqlError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code == rusqlite::ErrorCode::ConstraintViolation
                    && matches!(
                        e.extended_code,
                        rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                    )
            }
            SqlError::Postgres(e) => e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION),
            _ => false,
        }
    }
}

/// Which engine a connection talks to, for the few places the dialects differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// One SQL value, as both engines take it. Flags are integers 0/1.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
}

/// What may be passed as a parameter.
pub trait ToValue {
    fn to_value(&self) -> Value;
}

macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                Value::Int(*self as i64)
            }
        }
    )*};
}
int_to_value!(i64, i32, i16, i8, u8, u16, u32);

impl ToValue for u64 {
    fn to_value(&self) -> Value {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl ToValue for usize {
    fn to_value(&self) -> Value {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}
impl ToValue for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}
impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_owned())
    }
}
impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}
impl ToValue for [u8] {
    fn to_value(&self) -> Value {
        Value::Bytes(self.to_vec())
    }
}
impl<const N: usize> ToValue for [u8; N] {
    fn to_value(&self) -> Value {
        Value::Bytes(self.to_vec())
    }
}
impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value {
        Value::Bytes(self.clone())
    }
}
impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}
impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}
impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

/// A statement's parameters: by position (`?1`) or by name (`:p`).
pub enum Args {
    Positional(Vec<Value>),
    Named(Vec<(&'static str, Value)>),
}

impl From<()> for Args {
    fn from((): ()) -> Args {
        Args::Positional(Vec::new())
    }
}
impl<T: ToValue, const N: usize> From<[T; N]> for Args {
    fn from(values: [T; N]) -> Args {
        Args::Positional(values.iter().map(ToValue::to_value).collect())
    }
}
impl From<Vec<Value>> for Args {
    fn from(values: Vec<Value>) -> Args {
        Args::Positional(values)
    }
}

/// Positional parameters: `params![a, b]` binds `?1` and `?2`.
#[macro_export]
macro_rules! params {
    () => { $crate::store::sql::Args::Positional(Vec::new()) };
    ($($x:expr),+ $(,)?) => {
        $crate::store::sql::Args::Positional(vec![$($crate::store::sql::ToValue::to_value(&$x)),+])
    };
}

/// Named parameters: `named_params! {":p": practitioner.0}` binds `:p`.
#[macro_export]
macro_rules! named_params {
    ($($name:literal : $x:expr),+ $(,)?) => {
        $crate::store::sql::Args::Named(vec![$(($name, $crate::store::sql::ToValue::to_value(&$x))),+])
    };
}
pub use crate::{named_params, params};

/// One result row, read by column index.
#[derive(Debug, Clone)]
pub struct Row {
    values: Vec<Value>,
}

/// A column index (only `usize`: the generic keeps rusqlite's `get::<_, T>` shape).
pub trait ColumnIndex {
    fn index(self) -> usize;
}
impl ColumnIndex for usize {
    fn index(self) -> usize {
        self
    }
}

impl Row {
    pub fn get<I: ColumnIndex, T: FromValue>(&self, i: I) -> SqlResult<T> {
        let column = i.index();
        let value =
            self.values.get(column).ok_or_else(|| SqlError::Column { column, problem: "no such column".into() })?;
        T::from_value(value).map_err(|problem| SqlError::Column { column, problem })
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn values(&self) -> &[Value] {
        &self.values
    }
}

/// What a column may be read as.
pub trait FromValue: Sized {
    fn from_value(v: &Value) -> Result<Self, String>;
}

fn wrong(want: &str, v: &Value) -> String {
    format!("wanted {want}, the database gave {v:?}")
}

macro_rules! int_from_value {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: &Value) -> Result<Self, String> {
                match v {
                    Value::Int(i) => <$t>::try_from(*i).map_err(|_| format!("{i} does not fit {}", stringify!($t))),
                    _ => Err(wrong(stringify!($t), v)),
                }
            }
        }
    )*};
}
int_from_value!(i64, i32, i16, i8, u8, u16, u32, u64, usize);

impl FromValue for bool {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Int(i) => Ok(*i != 0),
            _ => Err(wrong("a flag", v)),
        }
    }
}
impl FromValue for f64 {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Real(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            _ => Err(wrong("a number", v)),
        }
    }
}
impl FromValue for String {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Text(s) => Ok(s.clone()),
            _ => Err(wrong("text", v)),
        }
    }
}
impl FromValue for Vec<u8> {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Bytes(b) => Ok(b.clone()),
            Value::Text(s) => Ok(s.as_bytes().to_vec()),
            _ => Err(wrong("bytes", v)),
        }
    }
}
impl FromValue for Value {
    fn from_value(v: &Value) -> Result<Self, String> {
        Ok(v.clone())
    }
}
impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

/// Rows of a query, walked as rusqlite's are (`while let Some(r) = rows.next()?`).
pub struct Rows {
    rows: std::vec::IntoIter<Row>,
    current: Option<Row>,
}

impl Rows {
    #[allow(clippy::should_implement_trait)] // lends the row: not an `Iterator`
    pub fn next(&mut self) -> SqlResult<Option<&Row>> {
        self.current = self.rows.next();
        Ok(self.current.as_ref())
    }
}

/// `query_row(..).optional()`: no row is `None`, as in rusqlite.
pub trait OptionalExtension<T> {
    fn optional(self) -> SqlResult<Option<T>>;
}
impl<T> OptionalExtension<T> for SqlResult<T> {
    fn optional(self) -> SqlResult<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(SqlError::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

// ---------------------------------------------------------------- SQLite

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Bytes(b) => ValueRef::Blob(b),
        }))
    }
}

fn sqlite_value(v: rusqlite::types::ValueRef<'_>) -> Value {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
    }
}

fn sqlite_rows(conn: &rusqlite::Connection, sql: &str, args: &Args) -> SqlResult<Vec<Row>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let width = stmt.column_count();
    let mut rows = match args {
        Args::Positional(values) => stmt.query(rusqlite::params_from_iter(values.iter()))?,
        Args::Named(named) => {
            let named: Vec<(&str, &dyn rusqlite::ToSql)> =
                named.iter().map(|(n, v)| (*n, v as &dyn rusqlite::ToSql)).collect();
            stmt.query(named.as_slice())?
        }
    };
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let values = (0..width).map(|i| r.get_ref(i).map(sqlite_value)).collect::<rusqlite::Result<_>>()?;
        out.push(Row { values });
    }
    Ok(out)
}

fn sqlite_execute(conn: &rusqlite::Connection, sql: &str, args: &Args) -> SqlResult<usize> {
    let mut stmt = conn.prepare_cached(sql)?;
    Ok(match args {
        Args::Positional(values) => stmt.execute(rusqlite::params_from_iter(values.iter()))?,
        Args::Named(named) => {
            let named: Vec<(&str, &dyn rusqlite::ToSql)> =
                named.iter().map(|(n, v)| (*n, v as &dyn rusqlite::ToSql)).collect();
            stmt.execute(named.as_slice())?
        }
    })
}

// ------------------------------------------------------------ PostgreSQL

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let texty = [Type::TEXT, Type::VARCHAR, Type::BPCHAR, Type::NAME, Type::UNKNOWN].contains(ty);
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) if *ty == Type::INT8 => i.to_sql(ty, out),
            Value::Int(i) if *ty == Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
            Value::Int(i) if *ty == Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
            Value::Int(i) if *ty == Type::BOOL => (*i != 0).to_sql(ty, out),
            Value::Int(i) if *ty == Type::FLOAT8 => (*i as f64).to_sql(ty, out),
            Value::Int(i) if texty => i.to_string().to_sql(ty, out),
            Value::Real(f) if *ty == Type::FLOAT8 => f.to_sql(ty, out),
            Value::Real(f) if *ty == Type::FLOAT4 => (*f as f32).to_sql(ty, out),
            Value::Text(s) if texty => s.as_str().to_sql(ty, out),
            Value::Bytes(b) if *ty == Type::BYTEA => b.as_slice().to_sql(ty, out),
            v => Err(format!("{v:?} cannot be sent as {ty}").into()),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

fn pg_value(row: &postgres::Row, i: usize) -> SqlResult<Value> {
    let ty = row.columns()[i].type_();
    let v = if *ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(i)?.map(Value::Int)
    } else if *ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(i)?.map(|v| Value::Int(v.into()))
    } else if *ty == Type::INT2 {
        row.try_get::<_, Option<i16>>(i)?.map(|v| Value::Int(v.into()))
    } else if *ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(i)?.map(|v| Value::Int(v.into()))
    } else if *ty == Type::FLOAT8 {
        row.try_get::<_, Option<f64>>(i)?.map(Value::Real)
    } else if *ty == Type::FLOAT4 {
        row.try_get::<_, Option<f32>>(i)?.map(|v| Value::Real(v.into()))
    } else if *ty == Type::BYTEA {
        row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Bytes)
    } else if [Type::TEXT, Type::VARCHAR, Type::BPCHAR, Type::NAME, Type::UNKNOWN].contains(ty) {
        row.try_get::<_, Option<String>>(i)?.map(Value::Text)
    } else {
        return Err(SqlError::Column { column: i, problem: format!("type {ty} is not read: cast it in the SQL") });
    };
    Ok(v.unwrap_or(Value::Null))
}

/// SQL as written (`?N`, `?`, `:name`) in PostgreSQL's `$N`, and the names in
/// the order they were numbered.
struct Rewritten {
    sql: String,
    names: Vec<String>,
}

fn rewrite(sql: &str) -> Rewritten {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut names: Vec<String> = Vec::new();
    let mut next = 0usize;
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                out.push(c);
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    next += 1;
                    digits = next.to_string();
                }
                out.push('$');
                out.push_str(&digits);
            }
            ':' if chars.peek() == Some(&':') => {
                chars.next();
                out.push_str("::");
            }
            ':' if chars.peek().is_some_and(|n| n.is_ascii_alphabetic() || *n == '_') => {
                let mut name = String::from(":");
                while let Some(n) = chars.peek().filter(|n| n.is_ascii_alphanumeric() || **n == '_') {
                    name.push(*n);
                    chars.next();
                }
                let position = match names.iter().position(|n| *n == name) {
                    Some(p) => p + 1,
                    None => {
                        names.push(name);
                        names.len()
                    }
                };
                out.push('$');
                out.push_str(&position.to_string());
            }
            c => out.push(c),
        }
    }
    Rewritten { sql: out, names }
}

static REWRITTEN: LazyLock<RwLock<HashMap<String, Arc<Rewritten>>>> = LazyLock::new(Default::default);

fn rewritten(sql: &str) -> Arc<Rewritten> {
    if let Some(r) = REWRITTEN.read().unwrap_or_else(|e| e.into_inner()).get(sql) {
        return r.clone();
    }
    let r = Arc::new(rewrite(sql));
    REWRITTEN.write().unwrap_or_else(|e| e.into_inner()).insert(sql.to_owned(), r.clone());
    r
}

/// The SQL for PostgreSQL and its parameters in `$N` order.
fn pg_args(sql: &str, args: Args) -> SqlResult<(Arc<Rewritten>, Vec<Value>)> {
    let r = rewritten(sql);
    let values = match args {
        Args::Positional(values) => values,
        Args::Named(named) => r
            .names
            .iter()
            .map(|n| {
                named
                    .iter()
                    .find(|(m, _)| m == n)
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| SqlError::Column { column: 0, problem: format!("no value for parameter {n}") })
            })
            .collect::<SqlResult<_>>()?,
    };
    Ok((r, values))
}

/// A pooled PostgreSQL connection and its prepared statements (a query then
/// costs one round trip, not two).
pub struct PgConn {
    client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
}

impl PgConn {
    fn statement(&mut self, sql: &str) -> SqlResult<postgres::Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.statements.insert(sql.to_owned(), s.clone());
        Ok(s)
    }

    fn rows(&mut self, sql: &str, values: &[Value]) -> SqlResult<Vec<Row>> {
        let stmt = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let rows = self.client.query(&stmt, &params)?;
        rows.iter()
            .map(|r| Ok(Row { values: (0..r.len()).map(|i| pg_value(r, i)).collect::<SqlResult<_>>()? }))
            .collect()
    }

    fn execute(&mut self, sql: &str, values: &[Value]) -> SqlResult<usize> {
        let stmt = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        Ok(self.client.execute(&stmt, &params)? as usize)
    }

    fn batch(&mut self, sql: &str) -> SqlResult<()> {
        Ok(self.client.batch_execute(sql)?)
    }
}

/// The r2d2 manager: `r2d2_postgres` connects; each connection keeps its statements.
#[derive(Debug)]
pub struct PgManager(r2d2_postgres::PostgresConnectionManager<postgres::NoTls>);

impl PgManager {
    pub fn new(config: postgres::Config) -> PgManager {
        PgManager(r2d2_postgres::PostgresConnectionManager::new(config, postgres::NoTls))
    }
}

impl r2d2::ManageConnection for PgManager {
    type Connection = PgConn;
    type Error = postgres::Error;

    fn connect(&self) -> Result<PgConn, postgres::Error> {
        Ok(PgConn { client: self.0.connect()?, statements: HashMap::new() })
    }

    fn is_valid(&self, conn: &mut PgConn) -> Result<(), postgres::Error> {
        conn.client.simple_query("").map(|_| ())
    }

    fn has_broken(&self, conn: &mut PgConn) -> bool {
        conn.client.is_closed()
    }
}

pub type PgPool = r2d2::Pool<PgManager>;

thread_local! {
    /// This thread may block (a blocking pool's, or one of Waymark's own).
    static MAY_BLOCK: Cell<bool> = const { Cell::new(false) };
}

/// Run `f` marked as blocking work: PostgreSQL calls in it run on this thread.
pub fn blocking<T>(f: impl FnOnce() -> T) -> T {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            MAY_BLOCK.with(|b| b.set(self.0));
        }
    }
    let _reset = Reset(MAY_BLOCK.with(|b| b.replace(true)));
    f()
}

/// Run a blocking PostgreSQL call here, or on a scoped thread when this is
/// (or may be) an async worker: the client's own runtime must not start there.
pub(super) fn off_async<T: Send>(f: impl FnOnce() -> SqlResult<T> + Send) -> SqlResult<T> {
    if MAY_BLOCK.with(Cell::get) || tokio::runtime::Handle::try_current().is_err() {
        return f();
    }
    std::thread::scope(|s| s.spawn(f).join()).unwrap_or(Err(SqlError::Thread))
}

// ------------------------------------------------------------------ Conn

enum Inner<'a> {
    Sqlite(&'a rusqlite::Connection),
    SqliteHeld(MutexGuard<'a, rusqlite::Connection>),
    Pg(RefCell<r2d2::PooledConnection<PgManager>>),
}

/// A connection handle on either engine, inside a transaction (`Store::write_tx`,
/// `read_tx`) or not (`Store::read`, `write`: each statement on its own).
pub struct Conn<'a> {
    inner: Inner<'a>,
    /// A PostgreSQL transaction is open (rolled back on drop unless finished).
    open: Cell<bool>,
    savepoints: Cell<u32>,
}

impl<'a> Conn<'a> {
    pub(super) fn sqlite(conn: &'a rusqlite::Connection) -> Conn<'a> {
        Conn { inner: Inner::Sqlite(conn), open: Cell::new(false), savepoints: Cell::new(0) }
    }

    pub(super) fn sqlite_held(conn: MutexGuard<'a, rusqlite::Connection>) -> Conn<'a> {
        Conn { inner: Inner::SqliteHeld(conn), open: Cell::new(false), savepoints: Cell::new(0) }
    }

    pub(super) fn pg(conn: r2d2::PooledConnection<PgManager>) -> Conn<'a> {
        Conn { inner: Inner::Pg(RefCell::new(conn)), open: Cell::new(false), savepoints: Cell::new(0) }
    }

    pub fn dialect(&self) -> Dialect {
        match self.inner {
            Inner::Sqlite(_) | Inner::SqliteHeld(_) => Dialect::Sqlite,
            Inner::Pg(_) => Dialect::Postgres,
        }
    }

    fn on_pg<T: Send>(
        cell: &RefCell<r2d2::PooledConnection<PgManager>>,
        f: impl FnOnce(&mut PgConn) -> SqlResult<T> + Send,
    ) -> SqlResult<T> {
        let mut conn = cell.borrow_mut();
        let conn: &mut PgConn = &mut conn;
        off_async(move || f(conn))
    }

    /// The rows a statement returns.
    fn rows(&self, sql: &str, args: Args) -> SqlResult<Vec<Row>> {
        match &self.inner {
            Inner::Sqlite(c) => sqlite_rows(c, sql, &args),
            Inner::SqliteHeld(c) => sqlite_rows(c, sql, &args),
            Inner::Pg(cell) => {
                let (r, values) = pg_args(sql, args)?;
                Self::on_pg(cell, move |c| c.rows(&r.sql, &values))
            }
        }
    }

    /// Run a statement that returns no rows; how many rows it changed.
    pub fn execute(&self, sql: &str, args: impl Into<Args>) -> SqlResult<usize> {
        let args = args.into();
        match &self.inner {
            Inner::Sqlite(c) => sqlite_execute(c, sql, &args),
            Inner::SqliteHeld(c) => sqlite_execute(c, sql, &args),
            Inner::Pg(cell) => {
                let (r, values) = pg_args(sql, args)?;
                Self::on_pg(cell, move |c| c.execute(&r.sql, &values))
            }
        }
    }

    /// Run several statements (no parameters, no `?`).
    pub fn execute_batch(&self, sql: &str) -> SqlResult<()> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Inner::SqliteHeld(c) => Ok(c.execute_batch(sql)?),
            Inner::Pg(cell) => Self::on_pg(cell, move |c| c.batch(sql)),
        }
    }

    /// The first row, read by `f`; `SqlError::NoRows` when there is none.
    pub fn query_row<T>(&self, sql: &str, args: impl Into<Args>, f: impl FnOnce(&Row) -> SqlResult<T>) -> SqlResult<T> {
        let rows = self.rows(sql, args.into())?;
        f(rows.first().ok_or(SqlError::NoRows)?)
    }

    /// Every row, each read by `f` (collect the results).
    pub fn query_map<T>(
        &self,
        sql: &str,
        args: impl Into<Args>,
        mut f: impl FnMut(&Row) -> SqlResult<T>,
    ) -> SqlResult<std::vec::IntoIter<SqlResult<T>>> {
        let rows = self.rows(sql, args.into())?;
        Ok(rows.iter().map(&mut f).collect::<Vec<_>>().into_iter())
    }

    /// Every row, walked with `Rows::next`.
    pub fn query(&self, sql: &str, args: impl Into<Args>) -> SqlResult<Rows> {
        Ok(Rows { rows: self.rows(sql, args.into())?.into_iter(), current: None })
    }

    /// An INSERT written with `RETURNING id`: the new row's id.
    pub fn insert_returning_id(&self, sql: &str, args: impl Into<Args>) -> SqlResult<i64> {
        self.query_row(sql, args, |r| r.get(0))
    }

    /// A statement to run (the engines cache prepared statements themselves).
    pub fn prepare_cached<'c>(&'c self, sql: &str) -> SqlResult<Stmt<'c, 'a>> {
        Ok(Stmt { conn: self, sql: sql.to_owned() })
    }

    /// As `prepare_cached`.
    pub fn prepare<'c>(&'c self, sql: &str) -> SqlResult<Stmt<'c, 'a>> {
        self.prepare_cached(sql)
    }

    /// Run `f` in a savepoint: kept if it succeeds, undone if it fails (the
    /// transaction goes on either way). SQL savepoints, the same on both engines.
    pub fn savepoint<T, E: From<StoreError>>(&self, f: impl FnOnce(&Conn<'a>) -> Result<T, E>) -> Result<T, E> {
        let depth = self.savepoints.get();
        self.savepoints.set(depth + 1);
        let name = format!("waymark_{depth}");
        let sql = |e: SqlError| E::from(StoreError::from(e));
        let result = self.execute_batch(&format!("SAVEPOINT {name}")).map_err(sql).and_then(|()| f(self));
        self.savepoints.set(depth);
        match result {
            Ok(v) => {
                self.execute_batch(&format!("RELEASE {name}")).map_err(sql)?;
                Ok(v)
            }
            Err(e) => {
                self.execute_batch(&format!("ROLLBACK TO {name}; RELEASE {name}")).map_err(sql)?;
                Err(e)
            }
        }
    }

    /// Every table of Waymark's, by name (not the engine's own, nor migrations' records).
    pub fn tables(&self) -> SqlResult<Vec<String>> {
        let sql = match self.dialect() {
            Dialect::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            }
            Dialect::Postgres => {
                "SELECT table_name FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_version'
                 ORDER BY table_name"
            }
        };
        self.query_map(sql, (), |r| r.get(0))?.collect()
    }

    /// Begin a PostgreSQL transaction with `begin` (its BEGIN and any first statements).
    pub(super) fn begin_pg(&self, begin: &str) -> SqlResult<()> {
        self.execute_batch(begin)?;
        self.open.set(true);
        Ok(())
    }

    /// Commit the PostgreSQL transaction `begin_pg` opened.
    pub(super) fn commit_pg(&self) -> SqlResult<()> {
        self.open.set(false);
        self.execute_batch("COMMIT")
    }
}

impl Drop for Conn<'_> {
    fn drop(&mut self) {
        if self.open.get() {
            // A failure (or a panic) inside the transaction: the pooled
            // connection must go back clean. If even this fails, the
            // connection is closed and r2d2 drops it.
            let _ = self.execute_batch("ROLLBACK");
        }
    }
}

/// A statement on a connection, in rusqlite's shape.
pub struct Stmt<'c, 'a> {
    conn: &'c Conn<'a>,
    sql: String,
}

impl Stmt<'_, '_> {
    pub fn execute(&mut self, args: impl Into<Args>) -> SqlResult<usize> {
        self.conn.execute(&self.sql, args)
    }

    pub fn query_row<T>(&mut self, args: impl Into<Args>, f: impl FnOnce(&Row) -> SqlResult<T>) -> SqlResult<T> {
        self.conn.query_row(&self.sql, args, f)
    }

    pub fn query_map<T>(
        &mut self,
        args: impl Into<Args>,
        f: impl FnMut(&Row) -> SqlResult<T>,
    ) -> SqlResult<std::vec::IntoIter<SqlResult<T>>> {
        self.conn.query_map(&self.sql, args, f)
    }

    pub fn query(&mut self, args: impl Into<Args>) -> SqlResult<Rows> {
        self.conn.query(&self.sql, args)
    }
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn placeholders_become_postgres_numbers() {
        let r = rewrite("SELECT a FROM t WHERE b = ?2 AND c = ?1 AND d = 'x?1:y' AND e::text = ?");
        assert_eq!(r.sql, "SELECT a FROM t WHERE b = $2 AND c = $1 AND d = 'x?1:y' AND e::text = $1");
        let r = rewrite("SELECT 1 WHERE c.id = :c AND (p = :p OR q = :p)");
        assert_eq!(r.sql, "SELECT 1 WHERE c.id = $1 AND (p = $2 OR q = $2)");
        assert_eq!(r.names, [":c", ":p"]);
    }
}
