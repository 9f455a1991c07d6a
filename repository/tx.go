package repository

import (
	"context"
	"sync"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type txKey struct{}

// txState is the transaction a context carries, with what is to run once it
// commits.
type txState struct {
	tx    *gorm.DB
	mu    sync.Mutex
	after []func()
}

// InTx runs fn in one transaction: every store call made with the context it
// receives joins that transaction, so writes that belong together commit or
// roll back together.
func (db *DB) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*txState); ok {
		return fn(ctx)
	}
	st := &txState{}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		st.tx = tx
		return fn(context.WithValue(ctx, txKey{}, st))
	})
	if err == nil {
		st.mu.Lock()
		after := st.after
		st.mu.Unlock()
		for _, f := range after {
			f()
		}
	}
	return err
}

// AfterCommit runs f once the transaction carried by ctx has committed (not
// at all if it rolls back), or at once outside a transaction.
func (db *DB) AfterCommit(ctx context.Context, f func()) {
	st, ok := ctx.Value(txKey{}).(*txState)
	if !ok {
		f()
		return
	}
	st.mu.Lock()
	st.after = append(st.after, f)
	st.mu.Unlock()
}

// conn returns the transaction carried by ctx, or the pool.
func (db *DB) conn(ctx context.Context) *gorm.DB {
	if st, ok := ctx.Value(txKey{}).(*txState); ok {
		return st.tx.WithContext(ctx)
	}
	return db.gorm.WithContext(ctx)
}

// forUpdate locks the rows q reads until the transaction ends (PostgreSQL;
// SQLite's write transactions are exclusive already).
func (db *DB) forUpdate(q *gorm.DB) *gorm.DB {
	if db.Dialect() != DialectPostgres {
		return q
	}
	return q.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
}
