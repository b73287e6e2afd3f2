/**
 * react-router's navigate for this app's <BrowserRouter>. There it returns nothing: the Promise in
 * its type belongs to data routers (loaders), which the app does not use, so there is no rejection
 * to handle and the call is voided here, once, for every page.
 */
import { useCallback } from 'react';
import { useNavigate, type NavigateOptions, type To } from 'react-router';

export function useNavigateTo(): (to: To, options?: NavigateOptions) => void {
  const navigate = useNavigate();
  return useCallback((to: To, options?: NavigateOptions) => void navigate(to, options), [navigate]);
}
