package service

// page cuts a list read with limit+1 rows to limit and returns the id to
// continue after ("" when that was the last page).
func page[T any](list []T, limit int, id func(T) string) ([]T, string) {
	if len(list) > limit {
		return list[:limit], id(list[limit-1])
	}
	return list, ""
}
